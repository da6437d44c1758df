import { canonicalJson, fromBase64Url, toBase64Url } from './canonical-json';
import { Source, enumValues } from './enums';
import { badUserInput } from './errors';
import { isMonth } from './period';
import { isNativeId } from './allegation-id';

/**
 * A position in the system-wide order of case records: reporting month, then source (in the
 * order of the Source enum), then the source's own numeric id. Every source can answer "the
 * records after this position" on its own, which is what makes a merged page walk exact.
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

/** Compares two positions in the system-wide order. */
export function compareCursorKeys(a: CursorKey, b: CursorKey): number {
  if (a.month !== b.month) return a.month < b.month ? -1 : 1;
  const sources = enumValues(Source);
  const bySource = sources.indexOf(a.source) - sources.indexOf(b.source);
  if (bySource !== 0) return bySource;
  if (a.id.length !== b.id.length) return a.id.length - b.id.length;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

const PREFIX = 'c1.';

/** An opaque cursor: a position bound to the fingerprint of the filter it was issued for. */
export function encodeCursor(key: CursorKey, fingerprint: string): string {
  return PREFIX + toBase64Url(canonicalJson({ k: key, f: fingerprint }));
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
