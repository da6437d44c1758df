import { stringify } from 'csv-stringify/sync';
import type { Annex, Cell, Table } from './annex-tables';
import { provenanceColumns, provenanceFooter } from './provenance';

function status(annex: Annex): string {
  return annex.complete
    ? `Complete: all sources answered (${annex.sourcesIncluded.join(', ')}).`
    : `INCOMPLETE: ${annex.missingSources.join(', ')} did not answer; figures cover ${annex.sourcesIncluded.join(', ') || 'no source'} only.`;
}

const text = (cell: Cell) => (cell === null ? '' : String(cell));

/** Markdown: every table followed by when it was produced, from which sources, and whether complete. */
export function renderMarkdown(annex: Annex): string {
  const out = [`# Allegations of sexual exploitation and abuse, ${annex.period}`, '', ...annex.notices.map((n) => `> ${n}`), ''];
  for (const table of annex.tables) {
    out.push(`## ${table.title}`, '', `| ${table.columns.join(' | ')} |`, `| ${table.columns.map(() => '---').join(' | ')} |`);
    for (const row of table.rows) out.push(`| ${row.map((c) => text(c).replace(/\|/g, '\\|')).join(' | ')} |`);
    out.push('', `Produced ${annex.producedAt} by the PSEA federation hub. ${status(annex)}`, '');
    if (annex.provenance) out.push(provenanceFooter(annex.provenance), '');
  }
  return out.join('\n');
}

/** CSV, one file per table: every row carries the production time, the sources and completeness. */
export function renderCsv(table: Table, annex: Annex): string {
  const provenance = annex.provenance ? provenanceColumns(annex.provenance) : { header: [], values: [] };
  const meta = [
    annex.producedAt,
    annex.sourcesIncluded.join(';'),
    annex.complete ? 'complete' : `incomplete: missing ${annex.missingSources.join(';')}`,
    ...provenance.values,
  ];
  // Formulas neutralised as in every CSV the hub writes: a leading apostrophe, value kept.
  return stringify(
    [
      [...table.columns, 'produced_at', 'sources', 'completeness', ...provenance.header],
      ...table.rows.map((r) => [...r.map(text), ...meta]),
    ],
    { escape_formulas: true },
  );
}

export function renderJson(annex: Annex): string {
  return `${JSON.stringify(annex, null, 2)}\n`;
}
