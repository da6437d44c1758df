import { canonicalJson, fromBase64Url, toBase64Url } from './canonical-json';
import { Dimension, Source, enumValues } from './enums';
import { badUserInput } from './errors';
import { Filter, normalizeFilter, normalizeGroupBy } from './filter';
import { CursorKey, isCursorKey } from './cursor';
import { MAX_SUBJECT_IDENTIFIERS } from './screening';
import { TimelinessTargets, isTimelinessTargets } from './timeliness';
import { AsOf, DATA_VERSION } from './provenance';

/** Largest case page a client may ask for, per source and merged. */
export const MAX_PAGE_SIZE = 500;
export const DEFAULT_PAGE_SIZE = 100;
/** Largest number of ids one lookup may ask for. */
export const MAX_LOOKUP_IDS = 500;

export const SCOPE_VERSION = 1;
const PREFIX = `s${SCOPE_VERSION}.`;

export interface StatisticsScope {
  readonly kind: 'statistics';
  readonly filter: Filter;
  readonly groupBy: readonly Dimension[];
  /** The deployment's timeliness targets; absent: the UN's (TIMELINESS_TARGETS). */
  readonly targets?: TimelinessTargets;
  /** Answer as of these data versions (an edition's), from each source's record history. */
  readonly asOf?: AsOf;
  /**
   * Set when the request selects neither `submissions` nor `unsubmittedEntities`: the sources
   * then do not read the submission status (it grows with entities times quarters).
   */
  readonly withoutSubmissions?: true;
}

export interface PageScope {
  readonly kind: 'page';
  readonly filter: Filter;
  readonly first: number;
  readonly after?: CursorKey;
  /** Records as of these data versions, from each source's record history. */
  readonly asOf?: AsOf;
}

export interface LookupScope {
  readonly kind: 'lookup';
  readonly ids: readonly string[];
}

export interface ScreeningScope {
  readonly kind: 'screening';
  /** HMAC pseudonyms of the subject's identifiers; never the identifiers. */
  readonly pseudonyms: readonly string[];
}

export interface AuditScope {
  readonly kind: 'audit';
  /** Inclusive ISO dates ('YYYY-MM-DD'), or absent for all time. */
  readonly from?: string;
  readonly to?: string;
}

/** A system-wide request, as it travels from the system view to every source. */
export type Scope = StatisticsScope | PageScope | LookupScope | ScreeningScope | AuditScope;

/** Decodes a scope and checks it is of the kind expected. */
export function decodeScopeAs<K extends Scope['kind']>(encoded: string, kind: K): Extract<Scope, { kind: K }> {
  const scope = decodeScope(encoded);
  if (scope.kind !== kind) throw badUserInput('scope', `a ${kind} scope`);
  return scope as Extract<Scope, { kind: K }>;
}

/** Encodes a scope canonically: the same request always gives the same string. */
export function encodeScope(scope: Scope): string {
  return PREFIX + toBase64Url(canonicalJson(scope));
}

/**
 * Decodes and re-validates a scope. Sources call this on what the gateway sends, so a scope
 * forged by hand is checked exactly as a client's filter would be.
 * @throws GraphQLError BAD_USER_INPUT naming `scope`.
 */
export function decodeScope(encoded: string): Scope {
  const invalid = () => badUserInput('scope', `a scope of version ${SCOPE_VERSION} produced by the hub`);
  if (!encoded.startsWith(PREFIX)) throw invalid();
  const json = fromBase64Url(encoded.slice(PREFIX.length));
  if (json === undefined) throw invalid();
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw invalid();
  }
  if (raw === null || typeof raw !== 'object') throw invalid();
  const r = raw as Record<string, unknown>;
  switch (r['kind']) {
    case 'statistics': {
      const targets = r['targets'];
      if (targets !== undefined && !isTimelinessTargets(targets)) throw invalid();
      return {
        kind: 'statistics',
        filter: refilter(r['filter']),
        groupBy: normalizeGroupBy(asStringArray(r['groupBy']) ?? [], 'scope.groupBy'),
        ...(targets === undefined ? {} : { targets }),
        ...asOfOf(r['asOf'], invalid),
        ...withoutSubmissionsOf(r['withoutSubmissions'], invalid),
      };
    }
    case 'page': {
      const first = r['first'];
      if (typeof first !== 'number' || !Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) throw invalid();
      const after = r['after'];
      if (after !== undefined && !isCursorKey(after)) throw invalid();
      const asOf = asOfOf(r['asOf'], invalid);
      return after === undefined
        ? { kind: 'page', filter: refilter(r['filter']), first, ...asOf }
        : { kind: 'page', filter: refilter(r['filter']), first, after, ...asOf };
    }
    case 'lookup': {
      const ids = asStringArray(r['ids']);
      if (!ids || ids.length > MAX_LOOKUP_IDS) throw invalid();
      return { kind: 'lookup', ids };
    }
    case 'screening': {
      const pseudonyms = asStringArray(r['pseudonyms']);
      if (
        !pseudonyms ||
        pseudonyms.length === 0 ||
        pseudonyms.length > MAX_SUBJECT_IDENTIFIERS ||
        !pseudonyms.every((p) => /^[0-9a-f]{64}$/.test(p))
      ) {
        throw invalid();
      }
      return { kind: 'screening', pseudonyms };
    }
    case 'audit': {
      const date = (v: unknown) => v === undefined || (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v));
      if (!date(r['from']) || !date(r['to'])) throw invalid();
      return {
        kind: 'audit',
        ...(r['from'] ? { from: r['from'] as string } : {}),
        ...(r['to'] ? { to: r['to'] as string } : {}),
      };
    }
    default:
      throw invalid();
  }
}

/** An `asOf` as the hub encodes it: known sources, sorted, each with a data version. */
function asOfOf(value: unknown, invalid: () => Error): { asOf?: AsOf } {
  if (value === undefined) return {};
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw invalid();
  const entries = Object.entries(value as Record<string, unknown>);
  const sources = enumValues(Source) as string[];
  if (
    entries.length === 0 ||
    !entries.every(([s, v]) => sources.includes(s) && typeof v === 'string' && DATA_VERSION.test(v)) ||
    entries.some(([s], i) => i > 0 && (entries[i - 1] as [string, unknown])[0] >= s)
  )
    throw invalid();
  return { asOf: value as AsOf };
}

function withoutSubmissionsOf(value: unknown, invalid: () => Error): { withoutSubmissions?: true } {
  if (value === undefined) return {};
  if (value !== true) throw invalid();
  return { withoutSubmissions: true };
}

function asStringArray(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : undefined;
}

/** A canonical filter is also a valid filter input once its period is spelled as months. */
function refilter(raw: unknown): Filter {
  if (raw === undefined) return {};
  if (raw === null || typeof raw !== 'object') throw badUserInput('scope.filter', 'an object');
  const { from, to, ...rest } = raw as Record<string, unknown>;
  return normalizeFilter({ ...rest, fromMonth: from as string | undefined, toMonth: to as string | undefined }, 'scope.filter');
}
