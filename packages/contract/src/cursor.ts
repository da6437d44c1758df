import { createHash } from 'node:crypto';
import { canonicalJson, fromBase64Url, toBase64Url } from './canonical-json';
import { Source, enumValues } from './enums';
import { badUserInput } from './errors';
import { isMonth } from './period';
import { isNativeId, parseAllegationId } from './allegation-id';
import type { Filter } from './filter';
import type { Allegation } from './types/allegation.type';

/**
 * The one home of the system-wide order of case records and of the cursor that marks a place in
 * it: the merge in the system view, each source's page query and the cursor codec all call this
 * module, so the order cannot be changed in one of them alone.
 *
 * The order: reporting month, then source (in the order of the Source enum), then the source's
 * own numeric id. Every source can answer "the records after this position" on its own, which is
 * what makes a merged page walk exact.
 */
export interface CursorKey {
  readonly month: string;
  readonly source: Source;
  readonly id: string;
}

export function isCursorKey(value: unknown): value is CursorKey {
  if (value === null || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v['month'] === 'string' &&
    isMonth(v['month']) &&
    typeof v['source'] === 'string' &&
    (enumValues(Source) as string[]).includes(v['source']) &&
    typeof v['id'] === 'string' &&
    isNativeId(v['id'])
  );
}

/** Position of a source in the merge order of case pages. */
export function sourceOrdinal(source: Source): number {
  return enumValues(Source).indexOf(source);
}

/** The position of a record in the system-wide order. */
export function cursorKeyOf(item: Pick<Allegation, 'id' | 'reportedMonth' | 'source'>): CursorKey {
  return { month: item.reportedMonth, source: item.source, id: parseAllegationId(item.id).nativeId };
}

/** Compares two positions in the system-wide order (ids are whole numbers: shorter is smaller). */
export function compareCursorKeys(a: CursorKey, b: CursorKey): number {
  if (a.month !== b.month) return a.month < b.month ? -1 : 1;
  const bySource = sourceOrdinal(a.source) - sourceOrdinal(b.source);
  if (bySource !== 0) return bySource;
  if (a.id.length !== b.id.length) return a.id.length - b.id.length;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Where one source's records stand against a position, for its page query: a source earlier in
 * the order than the position's source continues after the position's month, a later one from
 * that month on, and the position's own source after (month, id) within it.
 */
export type SourceAfterPosition =
  | { readonly kind: 'after-month'; readonly month: string }
  | { readonly kind: 'from-month'; readonly month: string }
  | { readonly kind: 'after-month-and-id'; readonly month: string; readonly id: string };

export function sourceAfterPosition(source: Source, after: CursorKey): SourceAfterPosition {
  const mine = sourceOrdinal(source);
  const theirs = sourceOrdinal(after.source);
  if (mine > theirs) return { kind: 'from-month', month: after.month };
  if (mine < theirs) return { kind: 'after-month', month: after.month };
  return { kind: 'after-month-and-id', month: after.month, id: after.id };
}

/** A short, stable fingerprint of a filter, binding cursors to the query they came from. */
export function filterFingerprint(filter: Filter): string {
  return createHash('sha256').update(canonicalJson(filter)).digest('base64url').slice(0, 16);
}

const PREFIX = 'c1.';

/** An opaque cursor: a position bound to the fingerprint of the filter it was issued for. */
export function encodeCursor(key: CursorKey, fingerprint: string): string {
  return PREFIX + toBase64Url(canonicalJson({ k: key, f: fingerprint }));
}

/** The cursor after a record, for a page of the query with this filter. */
export function cursorAfter(item: Pick<Allegation, 'id' | 'reportedMonth' | 'source'>, filter: Filter): string {
  return encodeCursor(cursorKeyOf(item), filterFingerprint(filter));
}

/**
 * Decodes a cursor issued for a query with the given filter fingerprint.
 * @throws GraphQLError BAD_USER_INPUT naming the argument, for malformed or foreign cursors.
 */
export function decodeCursor(cursor: string, fingerprint: string, argument = 'after'): CursorKey {
  const malformed = () => badUserInput(argument, 'a cursor returned by a previous page of this query');
  if (!cursor.startsWith(PREFIX)) throw malformed();
  const json = fromBase64Url(cursor.slice(PREFIX.length));
  if (json === undefined) throw malformed();
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw malformed();
  }
  if (raw === null || typeof raw !== 'object') throw malformed();
  const { k, f } = raw as Record<string, unknown>;
  if (!isCursorKey(k)) throw malformed();
  if (f !== fingerprint) {
    throw badUserInput(argument, 'a cursor issued for this same filter (this one belongs to another query)');
  }
  return { month: k.month, source: k.source, id: k.id };
}
