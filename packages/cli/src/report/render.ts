import { stringify } from 'csv-stringify/sync';
import type { Annex, Cell, Table } from './annex';
import { completeness, csvCommentLines, ownNotices, productionLine, tableProvenance } from './provenance';
import { provenanceFooter } from './source-provenance';

const text = (cell: Cell) => (cell === null ? '' : String(cell));

/** A Markdown table; subtotals and totals in bold, a group's name written once (the rows under it are its members). */
function markdownTable(table: Table): string[] {
  const out = [
    `| ${table.columns.join(' | ')} |`,
    `| ${table.columns.map((_, i) => (i === table.columns.length - 1 ? '---:' : '---')).join(' | ')} |`,
  ];
  const grouped = table.id === 'by-entity' || table.id === 'trend-by-source';
  table.rows.forEach((row, r) => {
    const kind = table.rowKinds[r] ?? 'item';
    const cells = row.map((c, i) => {
      let s = text(c).replace(/\|/g, '\\|');
      if (
        grouped &&
        i === 0 &&
        r > 0 &&
        kind === 'item' &&
        text(table.rows[r - 1]?.[0] ?? null) === s &&
        table.rowKinds[r - 1] === 'item'
      )
        s = '';
      return kind === 'item' || s === '' ? s : `**${s}**`;
    });
    out.push(`| ${cells.join(' | ')} |`);
  });
  return out;
}

/** Markdown: the notices and the production line once, at the top; each table with what it counts. */
export function renderMarkdown(annex: Annex): string {
  const out = [
    `# Allegations of sexual exploitation and abuse, ${annex.periodWords}`,
    '',
    ...annex.notices.map((n) => `> ${n}`),
    ...(annex.notices.length ? [''] : []),
    `${productionLine(annex)} ${completeness(annex)}`,
    '',
  ];
  for (const table of annex.tables) {
    out.push(`## ${table.title}`, '', `Counts ${table.filter}.`, '', ...markdownTable(table), '');
    if (table.note) out.push(table.note, '');
    for (const n of ownNotices(table, annex)) out.push(`> ${n}`, '');
    if (!annex.complete) out.push(completeness(annex), '');
    if (annex.provenance) out.push(provenanceFooter(annex.provenance, table.unsubmitted), '');
  }
  return out.join('\n');
}

/** CSV, one file per table: `#` comment lines (title, period, what is counted, production, completeness, notices), then the table. */
export function renderCsv(table: Table, annex: Annex): string {
  // Formulas neutralised as in every CSV the hub writes: a leading apostrophe, value kept.
  const lines = [
    ...tableProvenance(table, annex),
    ...(annex.provenance ? [provenanceFooter(annex.provenance, table.unsubmitted)] : []),
  ];
  return (
    csvCommentLines(`${table.title}, ${annex.periodWords}`, lines) +
    stringify([table.columns, ...table.rows.map((r) => r.map(text))], { escape_formulas: true })
  );
}

export function renderJson(annex: Annex): string {
  return `${JSON.stringify(annex, null, 2)}\n`;
}
