import { sourceLabel } from '@psea/contract';
import { CliError, EXIT } from '../cli-error';

/** One source's part in a report: the data version its figures come from and when it answered. */
export interface SourceLine {
  readonly source: string;
  readonly status: string;
  readonly dataVersion: string | null;
  readonly answeredAt: string | null;
}

/** Where a report's figures came from, as printed under every table and kept in an edition. */
export interface AnnexProvenance {
  readonly sources: SourceLine[];
  /** Entities that have not closed every quarter of the report's period. */
  readonly unsubmitted: Array<{ entity: string; quarters: string[] }>;
}

/** What each statistics view of a report asks for besides its figures. */
export interface ProvenanceView {
  provenance: SourceLine[];
  unsubmittedEntities: Array<{ entity: string; quarters: string[] }>;
}

/**
 * The provenance of a report from its views: one data version per source across every table (a
 * source whose data changed between two of them would make the tables disagree: refused, to be
 * run again), the latest time it answered, and the entities that have not submitted the period
 * (from the view of the report's period).
 */
export function annexProvenance(views: Record<string, ProvenanceView>, periodAlias: string): AnnexProvenance {
  const bySource = new Map<string, SourceLine>();
  for (const view of Object.values(views)) {
    for (const line of view.provenance) {
      const seen = bySource.get(line.source);
      if (seen?.dataVersion != null && line.dataVersion != null && seen.dataVersion !== line.dataVersion) {
        throw new CliError(
          `the data of ${line.source} changed while the report was read (data versions ${seen.dataVersion} and ${line.dataVersion}): run it again`,
          EXIT.PROBLEMS,
        );
      }
      const answeredAt =
        [seen?.answeredAt, line.answeredAt]
          .filter((t): t is string => t != null)
          .sort()
          .pop() ?? null;
      bySource.set(line.source, {
        source: line.source,
        status: seen && seen.status !== 'OK' ? seen.status : line.status,
        dataVersion: seen?.dataVersion ?? line.dataVersion,
        answeredAt,
      });
    }
  }
  return { sources: [...bySource.values()], unsubmitted: views[periodAlias]?.unsubmittedEntities ?? [] };
}

function sourceText(line: SourceLine): string {
  return line.status === 'OK'
    ? `${sourceLabel(line.source)} data version ${line.dataVersion ?? '?'}, answered ${line.answeredAt ?? '?'}`
    : `${sourceLabel(line.source)} ${line.status.toLowerCase()}`;
}

/** The quarter after `q` ('2016Q4' → '2017Q1'). */
function nextQuarter(q: string): string {
  const [year, n] = [Number(q.slice(0, 4)), Number(q.slice(5))];
  return n === 4 ? `${year + 1}Q1` : `${year}Q${n + 1}`;
}

/** Quarters in words, consecutive ones as a range: '2014Q1 to 2016Q4, 2017Q2'. */
export function quarterRanges(quarters: readonly string[]): string {
  const ranges: Array<[string, string]> = [];
  for (const q of [...quarters].sort()) {
    const last = ranges[ranges.length - 1];
    if (last && nextQuarter(last[1]) === q) last[1] = q;
    else ranges.push([q, q]);
  }
  return ranges.map(([a, b]) => (a === b ? a : `${a} to ${b}`)).join(', ');
}

function unsubmittedText(open: ReadonlyArray<{ entity: string; quarters: string[] }>): string {
  return open.length
    ? `NOT SUBMITTED: ${open.map((u) => `${u.entity} (${quarterRanges(u.quarters)})`).join('; ')}`
    : 'Every entity has closed the period.';
}

/**
 * The provenance line printed under every table: each source's data version and answer time,
 * and the entities that have not closed the table's own period (`unsubmitted`: a trend's, when
 * longer than the report's period), else the report's.
 */
export function provenanceFooter(
  p: AnnexProvenance,
  unsubmitted?: ReadonlyArray<{ entity: string; quarters: string[] }>,
): string {
  return `Sources: ${p.sources.map(sourceText).join('; ')}. ${unsubmittedText(unsubmitted ?? p.unsubmitted)}`;
}
