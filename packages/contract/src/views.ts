import { SourceLookup, SourcePage, SourceStatistics } from './types/contributions.type';
import { SourceAudit, SourceScreening } from './types/screening.type';
import {
  SOURCE_AUDIT_SELECTION,
  SOURCE_LOOKUP_SELECTION,
  SOURCE_PAGE_SELECTION,
  SOURCE_SCREENING_SELECTION,
  SOURCE_STATISTICS_SELECTION,
} from './selections';
import { Scope } from './scope';
import { Source } from './enums';
import { decodeStatisticsContribution, encodeStatisticsContribution } from './statistics-contribution';

/**
 * How a view's contribution travels from a source to the system view when it is carried as one
 * string (a compact codec of this package) rather than as a GraphQL object walked field by field.
 */
export interface CompactContribution {
  /** Done by the source, after its disclosure policy has decided what it answers. */
  encode(contribution: never): string;
  /** Done by the gateway (to judge the answer) and the system view; throws MalformedContribution. */
  decode(encoded: unknown, source: Source): { source: Source; status: string };
}

/**
 * The federated views. Each is an entity keyed by `scope`, owned by the system view; every
 * source adds one contributor field to each (named after the source, e.g. `peacekeeping`).
 */
export interface ViewDescription {
  readonly kind: Scope['kind'];
  readonly typeName: string;
  readonly contribution:
    typeof SourceStatistics | typeof SourcePage | typeof SourceLookup | typeof SourceScreening | typeof SourceAudit;
  readonly contributionTypeName: string;
  /** Every field of the contribution (the `@requires` selection when it is carried as fields). */
  readonly selection: string;
  /**
   * Set when the contributor field is one string of this codec: views whose contributions are
   * unbounded tables. Case pages, lookups, screenings and audits are bounded (at most
   * MAX_PAGE_SIZE items, MAX_LOOKUP_IDS ids, a few matches, a row per operation and role) and
   * stay GraphQL objects, which keeps their field-level shape visible to every engine.
   */
  readonly compact?: CompactContribution;
}

/** The GraphQL type of a view's contributor field, as every source must declare it. */
export function contributorFieldType(view: ViewDescription): string {
  return view.compact ? 'String!' : `${view.contributionTypeName}!`;
}

/** A contributor field with what the system view requires of it: the leaf, or every field. */
export function requiredContributorField(view: ViewDescription, contributorField: string): string {
  return view.compact ? contributorField : `${contributorField} { ${view.selection} }`;
}

export const VIEWS: readonly ViewDescription[] = [
  {
    kind: 'statistics',
    typeName: 'StatisticsView',
    contribution: SourceStatistics,
    contributionTypeName: 'SourceStatistics',
    selection: SOURCE_STATISTICS_SELECTION,
    compact: {
      encode: encodeStatisticsContribution as (contribution: never) => string,
      decode: decodeStatisticsContribution,
    },
  },
  {
    kind: 'page',
    typeName: 'AllegationPageView',
    contribution: SourcePage,
    contributionTypeName: 'SourcePage',
    selection: SOURCE_PAGE_SELECTION,
  },
  {
    kind: 'lookup',
    typeName: 'AllegationLookupView',
    contribution: SourceLookup,
    contributionTypeName: 'SourceLookup',
    selection: SOURCE_LOOKUP_SELECTION,
  },
  {
    kind: 'screening',
    typeName: 'ScreeningView',
    contribution: SourceScreening,
    contributionTypeName: 'SourceScreening',
    selection: SOURCE_SCREENING_SELECTION,
  },
  {
    kind: 'audit',
    typeName: 'AuditView',
    contribution: SourceAudit,
    contributionTypeName: 'SourceAudit',
    selection: SOURCE_AUDIT_SELECTION,
  },
];
