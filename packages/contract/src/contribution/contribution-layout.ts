import {
  ActionActor,
  AllegationType,
  FinalAction,
  HeadlineLine,
  IncidentYear,
  InterimAction,
  InvestigatingEntity,
  InvestigationStatus,
  MemberStateResponse,
  PaternityStatus,
  PersonnelCategory,
  Source,
  enumValues,
} from '../enums';
import type { StatisticsKey } from '../types/statistics-row.type';

/**
 * The compact encoding of a source's statistics on the internal hop (source → gateway →
 * system view). A wide table (entity × nationality × status: thousands of rows) carried as
 * GraphQL objects is parsed, planned and written field by field at every hop; as one string
 * it is one leaf value that each hop copies, and it is parsed once where it is used.
 *
 * Layout (version 1, after the prefix `c1.`): one JSON object with the contribution's scalars,
 * the total as an array of its count leaves in COUNT_LEAVES order, the rows as columns (one
 * array per key field that any row sets, one array per count leaf; histograms without their
 * trailing zeros) and the submissions as tuples. Decoding re-validates everything, like the
 * scope codec: whatever does not decode is a source failure, never a number.
 */
export const CONTRIBUTION_VERSION = 1;
/** What every encoded contribution of this version starts with. */
export const CONTRIBUTION_PREFIX = `c${CONTRIBUTION_VERSION}.`;

/** The most rows one contribution may carry: the largest MAX_STATISTICS_ROWS a source may set. */
export const MAX_CONTRIBUTION_ROWS = 1_000_000;
/** The longest encoded contribution accepted (characters), checked before parsing. */
export const MAX_CONTRIBUTION_LENGTH = 256 * 1024 * 1024;

export type LeafKind = 'count' | 'days' | 'histogram';

/**
 * Every leaf of AllegationCounts, in encoding order, with what it may hold. A unit test checks
 * this list against the GraphQL type, so a field added to the contract cannot be dropped here.
 */
export const COUNT_LEAVES: ReadonlyArray<readonly [path: string, kind: LeafKind]> = [
  ['allegations', 'count'],
  ...(['women', 'girls', 'femaleUnknownAge', 'men', 'boys', 'maleUnknownAge', 'unknown', 'total', 'minors'] as const).map(
    (g) => [`victims.${g}`, 'count'] as const,
  ),
  ['allegationsInvolvingMinors', 'count'],
  ['perpetrators', 'count'],
  ['perpetratorsMen', 'count'],
  ['perpetratorsWomen', 'count'],
  ['perpetratorsUnknownSex', 'count'],
  ['allegationsWithUnknownPerpetrators', 'count'],
  ['allegationsReferredToMemberState', 'count'],
  ['syntheticAllegations', 'count'],
  ['timeliness.completedInvestigations', 'count'],
  ['timeliness.investigationDaysHistogram', 'histogram'],
  ['timeliness.medianInvestigationDays', 'days'],
  ['timeliness.p90InvestigationDays', 'days'],
  ['timeliness.completedOverTarget', 'count'],
  ['timeliness.openCases', 'count'],
  ['timeliness.openUnder3Months', 'count'],
  ['timeliness.open3To6Months', 'count'],
  ['timeliness.open6To12Months', 'count'],
  ['timeliness.openOver12Months', 'count'],
  ['timeliness.openOverTarget', 'count'],
];

/** Each leaf's place in AllegationCounts: its field, or its parent's field and its own. */
export const LEAF_PLACES: ReadonlyArray<{
  readonly first: string;
  readonly second: string | undefined;
  readonly kind: LeafKind;
}> = COUNT_LEAVES.map(([path, kind]) => {
  const [first, second] = path.split('.') as [string, string | undefined];
  return { first, second, kind };
});

function enumOf(e: Record<string, string>): (v: unknown) => boolean {
  const values = new Set<unknown>(enumValues(e));
  return (v) => values.has(v);
}

/** What each key field may hold (besides null). */
export const KEY_VALUES: Readonly<Record<keyof StatisticsKey, (v: unknown) => boolean>> = {
  source: enumOf(Source),
  entity: (v) => typeof v === 'string' && v.length > 0 && v.length <= 100,
  year: (v) => Number.isInteger(v) && (v as number) >= 1900 && (v as number) <= 2999,
  quarter: (v) => typeof v === 'string' && /^\d{4}Q[1-4]$/.test(v),
  month: (v) => typeof v === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(v),
  allegationType: enumOf(AllegationType),
  personnelCategory: enumOf(PersonnelCategory),
  nationality: (v) => typeof v === 'string' && /^[A-Z]{3}$/.test(v),
  investigationStatus: enumOf(InvestigationStatus),
  investigatingEntity: enumOf(InvestigatingEntity),
  paternity: enumOf(PaternityStatus),
  interimAction: enumOf(InterimAction),
  finalAction: enumOf(FinalAction),
  memberStateResponse: enumOf(MemberStateResponse),
  actionActor: enumOf(ActionActor),
  incidentYear: enumOf(IncidentYear),
  headlineLine: enumOf(HeadlineLine),
};
/** The key fields in encoding order. */
export const KEY_FIELDS = Object.keys(KEY_VALUES) as Array<keyof StatisticsKey>;
