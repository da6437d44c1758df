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

function unsubmittedText(p: AnnexProvenance): string {
  return p.unsubmitted.length
    ? `NOT SUBMITTED: ${p.unsubmitted.map((u) => `${u.entity} (${u.quarters.join(', ')})`).join('; ')}`
    : 'Every entity has closed the period.';
}

/** The provenance line printed under every Markdown table. */
export function provenanceFooter(p: AnnexProvenance): string {
  return `Sources: ${p.sources.map(sourceText).join('; ')}. ${unsubmittedText(p)}`;
}

/** The provenance columns each CSV row carries. */
export function provenanceColumns(p: AnnexProvenance): { header: string[]; values: string[] } {
  return {
    header: ['data_versions', 'not_submitted'],
    values: [
      p.sources.map((s) => `${s.source}=${s.dataVersion ?? s.status}@${s.answeredAt ?? ''}`).join(';'),
      p.unsubmitted.map((u) => `${u.entity}:${u.quarters.join('+')}`).join(';'),
    ],
  };
}
