import type { AnnexProvenance } from './source-provenance';

export interface View {
  total: {
    allegations: number;
    syntheticAllegations: number;
    allegationsInvolvingMinors: number;
    victims: Record<string, number>;
  };
  rows: Array<{ key: Record<string, string | number | null>; counts: { allegations: number } }>;
  complete: boolean;
  missingSources: string[];
  sources: Array<{ source: string; status: string }>;
  notices: string[];
  /** Entities that have not closed every quarter of the view's period (asked for by every report). */
  unsubmittedEntities?: Array<{ entity: string; quarters: string[] }>;
}

export type Cell = string | number | null;

/** How a row reads: an item, a subtotal of a group, or the total of the table. */
export type RowKind = 'item' | 'subtotal' | 'total';

export interface Table {
  readonly id: string;
  readonly title: string;
  readonly columns: string[];
  readonly rows: Cell[][];
  /** Parallel to `rows`: lets renderers set subtotals and totals apart. */
  readonly rowKinds: RowKind[];
  /** What the table counts when that is not obvious (a multi-count table, a trend with empty years). */
  readonly note?: string;
  /** The records counted: the filter of the request, in words. */
  readonly filter: string;
  /** The gateway's notices for this table (its synthetic share, missing sources). */
  readonly notices: string[];
  /**
   * Entities that have not closed every quarter of this table's own period (a trend's is longer
   * than the report's), as its sources answered: printed in its footer.
   */
  readonly unsubmitted?: Array<{ entity: string; quarters: string[] }>;
}

export interface Annex {
  readonly period: string;
  /** The period in words ("2016", "third quarter of 2016"). */
  readonly periodWords: string;
  readonly producedAt: string;
  readonly complete: boolean;
  readonly sourcesIncluded: string[];
  readonly missingSources: string[];
  readonly notices: string[];
  readonly tables: Table[];
  /** Where the figures came from (set by the report command: report/source-provenance.ts). */
  readonly provenance?: AnnexProvenance;
}

/** A table as its builder makes it; the annex adds the filter in words and the notices. */
export type TableBuilder = Omit<Table, 'filter' | 'notices'>;
