import { dateTimeLabel, sourceLabel } from '@psea/contract';
import type { Annex, Table } from './annex';

/** Whether every source answered, in words, naming the sources by their labels. */
export function completeness(annex: Annex): string {
  const names = (sources: readonly string[]) => sources.map(sourceLabel).join('; ');
  return annex.complete
    ? `Complete: every source answered (${names(annex.sourcesIncluded)}).`
    : `INCOMPLETE: ${annex.missingSources.join(', ')} did not answer; figures cover ${names(annex.sourcesIncluded) || 'no source'} only.`;
}

/** The production line, once per document: when, by what, from what. */
export function productionLine(annex: Annex): string {
  return `Produced ${dateTimeLabel(annex.producedAt)} (${annex.producedAt}) by the PSEA federation hub, from the gateway's answers.`;
}

/** A table's notices that the document's header does not already say (its own synthetic share, say). */
export function ownNotices(table: Table, annex: Annex): string[] {
  return table.notices.filter((n) => !annex.notices.includes(n) && !n.startsWith('INCOMPLETE:'));
}

/**
 * The comment lines that open every CSV file the hub writes: `#` then a space, before the header
 * row. csv-parse (`comment: '#'`), pandas (`comment='#'`) and R (`comment.char = '#'`) skip them;
 * a spreadsheet shows them as the first lines. docs/report-format.md documents the convention.
 */
export function csvCommentLines(title: string, lines: readonly string[]): string {
  return [title, ...lines].map((l) => `# ${l.replace(/[\r\n]+/g, ' ')}\n`).join('');
}

/** What every CSV of the annex says above its header: title, period, counted records, production, completeness, notices. */
export function tableProvenance(table: Table, annex: Annex): string[] {
  return [
    `Period: ${annex.periodWords}. Counts: ${table.filter}.`,
    productionLine(annex),
    completeness(annex),
    ...table.notices.filter((n) => !n.startsWith('INCOMPLETE:')),
    ...(table.note ? [table.note] : []),
  ];
}
