import {
  ActionActor,
  AllegationType,
  ContributionStatus,
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
} from './enums';
import { DATA_VERSION } from './provenance';
import { HISTOGRAM_BINS } from './timeliness';
import type { AllegationCounts } from './types/allegation-counts.type';
import type { SourceStatistics } from './types/contributions.type';
import type { EntitySubmission } from './types/provenance.type';
import type { StatisticsKey, StatisticsRow } from './types/statistics-row.type';

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
const PREFIX = `c${CONTRIBUTION_VERSION}.`;

/** The most rows one contribution may carry: the largest MAX_STATISTICS_ROWS a source may set. */
export const MAX_CONTRIBUTION_ROWS = 1_000_000;
/** The longest encoded contribution accepted (characters), checked before parsing. */
export const MAX_CONTRIBUTION_LENGTH = 256 * 1024 * 1024;

/** A contribution that does not decode: the source that sent it is treated as missing. */
export class MalformedContribution extends Error {
  constructor(problem: string) {
    super(`malformed statistics contribution: ${problem}`);
    this.name = 'MalformedContribution';
  }
}

type LeafKind = 'count' | 'days' | 'histogram';

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

function enumOf(e: Record<string, string>): (v: unknown) => boolean {
  const values = new Set<unknown>(enumValues(e));
  return (v) => values.has(v);
}

/** What each key field may hold (besides null). */
const KEY_VALUES: Readonly<Record<keyof StatisticsKey, (v: unknown) => boolean>> = {
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
const KEY_FIELDS = Object.keys(KEY_VALUES) as Array<keyof StatisticsKey>;

/**
 * The rows' columns as JSON text, by rows array. A source answers a repeated request from its
 * cache with the same rows array (statistics answers are values, never changed once made), so a
 * wide table is turned into columns once per data version, not once per request.
 */
const ROWS_JSON = new WeakMap<readonly StatisticsRow[], string>();

function rowsJson(rows: readonly StatisticsRow[]): string {
  let json = ROWS_JSON.get(rows);
  if (json === undefined) {
    json = JSON.stringify(rowColumns(rows));
    ROWS_JSON.set(rows, json);
  }
  return json;
}

/** Reads one leaf of counts: built once per leaf, as a wide table reads each leaf of every row. */
const LEAF_READERS: ReadonlyArray<(counts: AllegationCounts) => unknown> = COUNT_LEAVES.map(([path]) => {
  const [first, second] = path.split('.') as [string, string | undefined];
  return second === undefined
    ? (counts) => (counts as unknown as Record<string, unknown>)[first]
    : (counts) => ((counts as unknown as Record<string, Record<string, unknown>>)[first] as Record<string, unknown>)[second];
});

function encodeLeaf(value: unknown, kind: LeafKind): unknown {
  if (kind !== 'histogram') return value ?? null;
  const bins = value as number[];
  let end = bins.length;
  while (end > 0 && bins[end - 1] === 0) end--;
  return end === bins.length ? bins : bins.slice(0, end);
}

/** The rows as columns: a key column for each key field any row sets, a column per count leaf. */
function rowColumns(rows: readonly StatisticsRow[]): { n: number; keys: Record<string, unknown[]>; counts: unknown[][] } {
  const keyFields = KEY_FIELDS.filter((f) => rows.some((r) => r.key[f] != null));
  const keys: Record<string, unknown[]> = {};
  for (const f of keyFields) keys[f] = new Array(rows.length);
  const counts = COUNT_LEAVES.map(() => new Array<unknown>(rows.length));
  rows.forEach((row, i) => {
    for (const f of keyFields) (keys[f] as unknown[])[i] = row.key[f] ?? null;
    COUNT_LEAVES.forEach(([, kind], leaf) => {
      (counts[leaf] as unknown[])[i] = encodeLeaf((LEAF_READERS[leaf] as (c: AllegationCounts) => unknown)(row.counts), kind);
    });
  });
  return { n: rows.length, keys, counts };
}

/** Encodes a source's statistics (already decided by its disclosure policy) for the system view. */
export function encodeStatisticsContribution(contribution: SourceStatistics): string {
  const head = {
    kind: 'statistics',
    source: contribution.source,
    status: contribution.status,
    dataVersion: contribution.dataVersion ?? null,
    answeredAt: contribution.answeredAt ?? null,
    total: contribution.total
      ? COUNT_LEAVES.map(([, kind], leaf) =>
          encodeLeaf((LEAF_READERS[leaf] as (c: AllegationCounts) => unknown)(contribution.total!), kind),
        )
      : null,
    submissions: contribution.submissions
      ? contribution.submissions.map((s) => [s.entity, s.quarter, s.closed, s.changedAt ?? null, s.dataVersion ?? null])
      : null,
  };
  // The rows' columns go last, spliced in as the text they already are.
  const rows = contribution.rows ? rowsJson(contribution.rows) : 'null';
  return `${PREFIX}${JSON.stringify(head).slice(0, -1)},"rows":${rows}}`;
}

/**
 * Contributions this process decoded and no one has asked for again yet, by text. Where the
 * gateway and the system view share a process (the embedded layout), the gateway decodes each
 * answer to judge it and the system view decodes the same string again: that second decode takes
 * the first one's value (and forgets it, so nothing outlives its request). Only a text this codec
 * validated in this process is ever here, so nothing unvalidated is trusted; the value is shared
 * with the judge, which only reads it. Bounded, since a gateway in front of a system view of its
 * own judges answers that are never asked for again.
 */
const AWAITING_SECOND_DECODE = new Map<string, { source: Source; decoded: SourceStatistics }>();
/** Characters of text kept waiting, all sources together, and entries (a small table is short). */
const AWAITING_CHARACTERS = 4 * 1024 * 1024;
const AWAITING_ENTRIES = 64;
let awaitingCharacters = 0;

function forget(text: string): void {
  if (AWAITING_SECOND_DECODE.delete(text)) awaitingCharacters -= text.length;
}

/**
 * Decodes and re-validates one source's statistics contribution (`maxLength` is lowered only by tests).
 * @throws MalformedContribution naming what was wrong: the caller treats the source as missing.
 */
export function decodeStatisticsContribution(
  encoded: unknown,
  source: Source,
  maxLength = MAX_CONTRIBUTION_LENGTH,
): SourceStatistics {
  if (typeof encoded !== 'string') throw new MalformedContribution(`a string was expected, ${kindOf(encoded)} arrived`);
  if (encoded.length > maxLength) throw new MalformedContribution(`longer than ${maxLength} characters`);
  const seen = AWAITING_SECOND_DECODE.get(encoded);
  // The text names its source, so a text decodes for one source only: another is decoded (and refused) afresh.
  if (seen?.source === source) {
    forget(encoded);
    return seen.decoded;
  }
  const decoded = decodeAfresh(encoded, source);
  if (!seen && encoded.length <= AWAITING_CHARACTERS / 8) {
    AWAITING_SECOND_DECODE.set(encoded, { source, decoded });
    awaitingCharacters += encoded.length;
    while (awaitingCharacters > AWAITING_CHARACTERS || AWAITING_SECOND_DECODE.size > AWAITING_ENTRIES)
      forget(AWAITING_SECOND_DECODE.keys().next().value as string);
  }
  return decoded;
}

function decodeAfresh(encoded: string, source: Source): SourceStatistics {
  if (!encoded.startsWith(PREFIX)) throw new MalformedContribution(`not of version ${CONTRIBUTION_VERSION}`);
  let raw: unknown;
  try {
    raw = JSON.parse(encoded.slice(PREFIX.length));
  } catch {
    throw new MalformedContribution('not JSON');
  }
  const p = object(raw, 'the contribution');
  if (p['kind'] !== 'statistics') throw new MalformedContribution('not a statistics contribution');
  if (p['source'] !== source) throw new MalformedContribution(`source ${String(p['source'])} where ${source} was asked`);
  const status = p['status'];
  if (!enumValues(ContributionStatus).includes(status as ContributionStatus)) throw new MalformedContribution('unknown status');
  if (status !== ContributionStatus.OK) return { source, status: status as ContributionStatus };
  const dataVersion = p['dataVersion'];
  if (dataVersion !== null && !(typeof dataVersion === 'string' && DATA_VERSION.test(dataVersion)))
    throw new MalformedContribution('dataVersion');
  const answeredAt = p['answeredAt'];
  if (answeredAt !== null && !isIsoTime(answeredAt)) throw new MalformedContribution('answeredAt');
  if (!Array.isArray(p['total'])) throw new MalformedContribution('total');
  const columns = columnsOf(p['rows']);
  const decoded: SourceStatistics = {
    source,
    status: ContributionStatus.OK,
    total: countsOf((i) => (p['total'] as unknown[])[i], 'total'),
    dataVersion: dataVersion as string | null,
    answeredAt: answeredAt as string | null,
    submissions: submissionsOf(p['submissions']),
  };
  if (columns === null) return { ...decoded, rows: null };
  // Every value is validated above; the rows become objects only when read (by the system view).
  // A gateway that only judges the answer, in front of a system view of its own, never builds them.
  let rows: StatisticsRow[] | undefined;
  Object.defineProperty(decoded, 'rows', { enumerable: true, get: () => (rows ??= rowsOf(columns)) });
  return decoded;
}

/** A contribution's rows as the columns they arrived in, validated. */
interface StatisticsColumns {
  readonly n: number;
  /** The key fields any row sets, each with its column. */
  readonly keys: ReadonlyArray<readonly [keyof StatisticsKey, readonly unknown[]]>;
  /** One column per leaf of COUNT_LEAVES, in its order; histograms without their trailing zeros. */
  readonly counts: ReadonlyArray<readonly unknown[]>;
}

function columnsOf(value: unknown): StatisticsColumns | null {
  if (value === null) return null;
  const r = object(value, 'rows');
  const n = r['n'];
  if (!Number.isInteger(n) || (n as number) < 0 || (n as number) > MAX_CONTRIBUTION_ROWS)
    throw new MalformedContribution(`rows.n must be a whole number of rows up to ${MAX_CONTRIBUTION_ROWS}`);
  const rowCount = n as number;
  const keyColumns = Object.entries(object(r['keys'], 'rows.keys'));
  for (const [field, column] of keyColumns) {
    const valid = KEY_VALUES[field as keyof StatisticsKey];
    if (!Object.hasOwn(KEY_VALUES, field) || !valid) throw new MalformedContribution(`unknown key field ${field}`);
    if (!Array.isArray(column) || column.length !== rowCount) throw new MalformedContribution(`key column ${field}`);
    if (!column.every((v) => v === null || valid(v))) throw new MalformedContribution(`a value of key column ${field}`);
  }
  const columns = r['counts'];
  if (!Array.isArray(columns) || columns.length !== COUNT_LEAVES.length) throw new MalformedContribution('rows.counts');
  COUNT_LEAVES.forEach(([path, kind], i) => {
    const column: unknown = columns[i];
    if (!Array.isArray(column) || column.length !== rowCount) throw new MalformedContribution(`count column ${path}`);
    if (!column.every((v) => isLeaf(v, kind))) throw new MalformedContribution(`a value of count column ${path}`);
  });
  return {
    n: rowCount,
    keys: keyColumns as Array<[keyof StatisticsKey, unknown[]]>,
    counts: columns as unknown[][],
  };
}

/** The rows as objects, built from validated columns when a reader asks for them. */
function rowsOf({ n, keys, counts }: StatisticsColumns): StatisticsRow[] {
  const rows: StatisticsRow[] = new Array(n);
  for (let row = 0; row < n; row++) {
    const key: StatisticsKey = {};
    for (const [field, column] of keys) (key as Record<string, unknown>)[field] = column[row];
    rows[row] = { key, counts: buildCounts((i) => (counts[i] as unknown[])[row]) };
  }
  return rows;
}

/** Counts from the value of each leaf, validated. */
function countsOf(leaf: (i: number) => unknown, where: string): AllegationCounts {
  COUNT_LEAVES.forEach(([path, kind], i) => {
    if (!isLeaf(leaf(i), kind)) throw new MalformedContribution(`${where}.${path}`);
  });
  return buildCounts(leaf);
}

/** Where each leaf goes in AllegationCounts: its field, or its parent's field and its own. */
const LEAF_PLACES = COUNT_LEAVES.map(([path, kind]) => {
  const [first, second] = path.split('.') as [string, string | undefined];
  return { first, second, kind };
});

/** Counts from leaves already validated; histograms padded back to their bins. */
function buildCounts(leaf: (i: number) => unknown): AllegationCounts {
  const counts: Record<string, unknown> = {};
  for (let i = 0; i < LEAF_PLACES.length; i++) {
    const { first, second, kind } = LEAF_PLACES[i] as (typeof LEAF_PLACES)[number];
    let value = leaf(i);
    if (kind === 'histogram') {
      const bins = value as number[];
      value = bins.length === HISTOGRAM_BINS ? bins : bins.concat(Array<number>(HISTOGRAM_BINS - bins.length).fill(0));
    }
    if (second === undefined) counts[first] = value;
    else ((counts[first] ??= {}) as Record<string, unknown>)[second] = value;
  }
  return counts as unknown as AllegationCounts;
}

function isCount(v: unknown): boolean {
  return Number.isSafeInteger(v) && (v as number) >= 0;
}

function isLeaf(v: unknown, kind: LeafKind): boolean {
  if (kind === 'count') return isCount(v);
  if (kind === 'days') return v === null || isCount(v);
  return Array.isArray(v) && v.length <= HISTOGRAM_BINS && v.every(isCount);
}

function submissionsOf(value: unknown): EntitySubmission[] | null {
  if (value === null) return null;
  if (!Array.isArray(value)) throw new MalformedContribution('submissions');
  return value.map((s: unknown) => {
    if (!Array.isArray(s) || s.length !== 5) throw new MalformedContribution('a submission');
    const [entity, quarter, closed, changedAt, dataVersion] = s as unknown[];
    if (
      !KEY_VALUES.entity(entity) ||
      !KEY_VALUES.quarter(quarter) ||
      typeof closed !== 'boolean' ||
      !(changedAt === null || isIsoTime(changedAt)) ||
      !(dataVersion === null || (typeof dataVersion === 'string' && DATA_VERSION.test(dataVersion)))
    )
      throw new MalformedContribution('a submission');
    return {
      entity: entity as string,
      quarter: quarter as string,
      closed,
      changedAt: changedAt as string | null,
      dataVersion: dataVersion as string | null,
    };
  });
}

function isIsoTime(v: unknown): boolean {
  return typeof v === 'string' && v.length <= 40 && /^\d{4}-\d{2}-\d{2}T/.test(v) && !Number.isNaN(Date.parse(v));
}

function object(value: unknown, what: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new MalformedContribution(`${what} is not an object`);
  return value as Record<string, unknown>;
}

function kindOf(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
}
