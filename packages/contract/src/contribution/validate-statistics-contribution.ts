import { ContributionStatus, Source, enumValues } from '../enums';
import { DATA_VERSION } from '../provenance';
import { HISTOGRAM_BINS } from '../timeliness';
import type { AllegationCounts } from '../types/allegation-counts.type';
import type { SourceStatistics } from '../types/contributions.type';
import type { EntitySubmission } from '../types/provenance.type';
import type { StatisticsKey, StatisticsRow } from '../types/statistics-row.type';
import {
  CONTRIBUTION_PREFIX,
  CONTRIBUTION_VERSION,
  COUNT_LEAVES,
  KEY_VALUES,
  LEAF_PLACES,
  LeafKind,
  MAX_CONTRIBUTION_ROWS,
} from './contribution-layout';
import { MalformedContribution } from './malformed-contribution';

/**
 * Parses one encoded contribution and checks every value in it against the layout, as if no
 * earlier answer had ever been seen: the text comes from a source over the network.
 * @throws MalformedContribution naming what was wrong.
 */
export function validateStatisticsContribution(encoded: string, source: Source): SourceStatistics {
  if (!encoded.startsWith(CONTRIBUTION_PREFIX)) throw new MalformedContribution(`not of version ${CONTRIBUTION_VERSION}`);
  let raw: unknown;
  try {
    raw = JSON.parse(encoded.slice(CONTRIBUTION_PREFIX.length));
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
