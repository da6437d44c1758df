import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import {
  CompactContribution,
  ContributionStatus,
  ErrorCode,
  Source,
  SourceFailureReason,
  VIEWS,
  ViewDescription,
  isSourceFailureReason,
} from '@psea/contract';

/**
 * Errors that are the caller's own doing and stay errors of the whole request: the source
 * judged the caller's input or role. Everything else a source says is the source failing.
 */
const CALLER_CODES = new Set<string>([ErrorCode.BAD_USER_INPUT, ErrorCode.FORBIDDEN]);

type ResponseError = NonNullable<GatewayGraphQLResponse['errors']>[number];

function codeOf(error: ResponseError | undefined): unknown {
  return error?.extensions?.['code'];
}

/** The reason class a source gave itself (its database is down, say), or the generic one. */
function reasonOf(errors: readonly ResponseError[]): SourceFailureReason {
  for (const error of errors) {
    const reason = error.extensions?.['reason'];
    if (codeOf(error) === ErrorCode.SOURCE_UNAVAILABLE && isSourceFailureReason(reason)) return reason;
  }
  return SourceFailureReason.ERROR;
}

/**
 * Why a call to a source threw, or undefined when the source judged the caller's own input
 * (those errors must reach the caller as they are).
 */
export function thrownFailure(error: unknown): SourceFailureReason | undefined {
  if (!(error instanceof Error)) return SourceFailureReason.ERROR;
  if (error.name === 'AbortError' || error.name === 'TimeoutError') return SourceFailureReason.TIMEOUT;
  const code = (error as { code?: unknown }).code;
  if (error.name === 'FetchError' || (typeof code === 'string' && /^E[A-Z]+/.test(code))) {
    return SourceFailureReason.UNREACHABLE;
  }
  const response = (error as { extensions?: { response?: { status?: number; body?: unknown } } }).extensions?.response;
  if (response?.status !== undefined) {
    const errors = (response.body as { errors?: ResponseError[] } | undefined)?.errors ?? [];
    if (errors.length > 0 && errors.every((e) => CALLER_CODES.has(String(codeOf(e))))) return undefined;
    return reasonOf(errors);
  }
  // A body that is not JSON, or JSON that is not a GraphQL response.
  if (error instanceof SyntaxError || /Expected JSON response body/.test(error.message)) {
    return SourceFailureReason.MALFORMED;
  }
  return SourceFailureReason.ERROR;
}

/**
 * Whether an answer to `_entities` is a failure of the source: any error that is not the
 * caller's (a database down, a statement timeout, an internal error), or data that is not one
 * valid contribution per representation, of the form its view is carried in. Undefined when
 * the answer may be used as it is.
 */
export function responseFailure(
  response: GatewayGraphQLResponse,
  representations: readonly unknown[],
  expected: { readonly source: string; readonly contributorField: string },
): SourceFailureReason | undefined {
  const errors = response.errors ?? [];
  const sourceErrors = errors.filter((e) => !CALLER_CODES.has(String(codeOf(e))));
  if (sourceErrors.length > 0) return reasonOf(sourceErrors);
  if (errors.length > 0) return undefined;
  const entities = (response.data as { _entities?: unknown } | null | undefined)?._entities;
  if (!Array.isArray(entities) || entities.length !== representations.length) return SourceFailureReason.MALFORMED;
  const valid = entities.every((entity, i) =>
    isContribution(
      (entity as Record<string, unknown> | null)?.[expected.contributorField],
      expected.source,
      viewOf(representations[i]),
    ),
  );
  return valid ? undefined : SourceFailureReason.MALFORMED;
}

const STATUSES = new Set<string>(Object.values(ContributionStatus));

function viewOf(representation: unknown): ViewDescription | undefined {
  const typename = (representation as { __typename?: unknown } | null)?.__typename;
  return VIEWS.find((v) => v.typeName === typename);
}

/**
 * A contribution as the contract has it: this source's, with a known status and counts that are
 * counts. One of a view carried compactly must be a string its codec decodes (it is parsed once
 * more, by the system view, which must not trust a hop it may not run behind).
 */
function isContribution(value: unknown, source: string, view: ViewDescription | undefined): boolean {
  if (view?.compact) return decodes(view.compact, value, source as Source);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const { status, source: named } = value as { status?: unknown; source?: unknown };
  if (status !== undefined && !(typeof status === 'string' && STATUSES.has(status))) return false;
  if (named !== undefined && named !== source) return false;
  return countsAreCounts(value);
}

/** Every number in a contribution is a count, a year or a number of days: a whole number, never negative. */
function countsAreCounts(value: unknown): boolean {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0;
  if (Array.isArray(value)) return value.every(countsAreCounts);
  if (value !== null && typeof value === 'object') return Object.values(value).every(countsAreCounts);
  return true;
}

function decodes(codec: CompactContribution, value: unknown, source: Source): boolean {
  try {
    codec.decode(value, source);
    return true;
  } catch {
    return false;
  }
}
