import { Source, sourceSlug } from '@psea/contract';
import { CROSS_SOURCE_SUBJECTS, referenceRecords } from '@psea/reference-data';

/** The year the soak asks about: the reference dataset's, which the soak's ingest never touches. */
export const SOAK_YEAR = 2016;

export type QueryKind = 'statistics' | 'page' | 'screening';

export const QUERIES: Record<QueryKind, string> = {
  statistics: `{ allegationStatistics(filter: { year: ${SOAK_YEAR} }, groupBy: [SOURCE]) { total { allegations } rows { key { source } counts { allegations } } complete missingSources } }`,
  page: `{ allegations(filter: { year: ${SOAK_YEAR} }, first: 500) { items { id source } hasNextPage complete missingSources } }`,
  // A passport recorded differently in two sources; the soak's ingest writes UN index numbers only.
  screening: `{ screen(subject: { passports: [{ country: "BGD", number: "SX1234567" }] }) { matched complete missingSources matches { source } } }`,
};

/** How an answer came out. */
export type Verdict =
  | { kind: 'exact' }
  /** `complete: false`, the figures exact for the sources that answered, the missing ones named. */
  | { kind: 'partial'; missing: Source[] }
  /** A number, an item or a match that is not what the sources hold: must never happen. */
  | { kind: 'wrong'; detail: string }
  /** No usable answer (transport, HTTP status, an error of the whole request). */
  | { kind: 'error'; errorClass: string };

/** The figures known in advance, from the reference dataset every source loads. */
export interface KnownFigures {
  readonly allegations: ReadonlyMap<Source, number>;
  readonly screeningSources: ReadonlySet<Source>;
}

export function knownFigures(sources: readonly Source[]): KnownFigures {
  const allegations = new Map<Source, number>();
  for (const source of sources) {
    allegations.set(source, referenceRecords(source).filter((r) => r.reported.startsWith(`${SOAK_YEAR}-`)).length);
  }
  return { allegations, screeningSources: new Set(CROSS_SOURCE_SUBJECTS[1]?.sources ?? []) };
}

/** The parts of a view the checks read; what the gateway sent, not trusted beyond that. */
interface ViewAnswer {
  complete: boolean;
  missingSources: Source[];
  total: { allegations: number };
  rows: Array<{ key: { source: string }; counts: { allegations: number } }>;
  items: Array<{ id: string; source: Source }>;
  hasNextPage: boolean;
  matched: boolean;
  matches: Array<{ source: Source }>;
}

interface Answer {
  data?: Record<string, ViewAnswer | null> | null;
  errors?: Array<{ message?: string; extensions?: Record<string, unknown> }>;
}

/**
 * Checks one answer against the known figures: exact when complete; when incomplete, exact for
 * every source not named missing, each missing source named by a SOURCE_UNAVAILABLE error.
 */
export function judge(kind: QueryKind, status: number, answer: Answer, known: KnownFigures): Verdict {
  const errors = answer.errors ?? [];
  const view = answer.data?.[kind === 'statistics' ? 'allegationStatistics' : kind === 'page' ? 'allegations' : 'screen'];
  if (status !== 200 || !view) {
    const code = errors[0]?.extensions?.['code'];
    return { kind: 'error', errorClass: `HTTP ${status}${code ? ` ${String(code)}` : ''}` };
  }
  const missing = [...(view.missingSources as Source[])].sort();
  const unavailable = errors
    .filter((e) => e.extensions?.['code'] === 'SOURCE_UNAVAILABLE')
    .map((e) => String(e.extensions?.['source']))
    .sort();
  const others = errors.filter((e) => e.extensions?.['code'] !== 'SOURCE_UNAVAILABLE');
  if (others.length > 0) return { kind: 'wrong', detail: `unexpected errors ${JSON.stringify(others).slice(0, 200)}` };
  if (view.complete !== (missing.length === 0))
    return { kind: 'wrong', detail: `complete ${view.complete} with missing ${missing}` };
  if (JSON.stringify(unavailable) !== JSON.stringify(missing.map((s) => sourceSlug(s)).sort())) {
    return { kind: 'wrong', detail: `missing ${missing} but errors name ${unavailable}` };
  }
  const present = [...known.allegations.keys()].filter((s) => !missing.includes(s));
  const expectedTotal = present.reduce((sum, s) => sum + (known.allegations.get(s) ?? 0), 0);
  if (kind === 'statistics') {
    if (view.total.allegations !== expectedTotal)
      return { kind: 'wrong', detail: `total ${view.total.allegations}, expected ${expectedTotal}` };
    const rows = new Map<string, number>(view.rows.map((r) => [r.key.source, r.counts.allegations]));
    for (const s of present) {
      if (rows.get(s) !== known.allegations.get(s))
        return { kind: 'wrong', detail: `${s} row ${rows.get(s)}, expected ${known.allegations.get(s)}` };
    }
    if (rows.size !== present.length) return { kind: 'wrong', detail: `${rows.size} rows for ${present.length} sources` };
  } else if (kind === 'page') {
    const items = view.items as Array<{ id: string; source: Source }>;
    if (items.length !== expectedTotal) return { kind: 'wrong', detail: `${items.length} items, expected ${expectedTotal}` };
    if (new Set(items.map((i) => i.id)).size !== items.length) return { kind: 'wrong', detail: 'an item twice' };
    if (items.some((i) => missing.includes(i.source))) return { kind: 'wrong', detail: 'an item of a missing source' };
    if (view.hasNextPage !== false) return { kind: 'wrong', detail: 'hasNextPage on the last page' };
  } else {
    const expected = [...known.screeningSources].filter((s) => !missing.includes(s)).sort();
    const got = [...new Set((view.matches as Array<{ source: Source }>).map((m) => m.source))].sort();
    if (JSON.stringify(got) !== JSON.stringify(expected))
      return { kind: 'wrong', detail: `matches ${got}, expected ${expected}` };
    if (view.matched !== expected.length > 0) return { kind: 'wrong', detail: `matched ${view.matched}` };
  }
  return missing.length === 0 ? { kind: 'exact' } : { kind: 'partial', missing };
}
