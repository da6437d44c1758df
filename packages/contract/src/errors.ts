import { GraphQLError } from 'graphql';

/** The one registry of error codes a client can see. */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  SOURCE_UNAVAILABLE: 'SOURCE_UNAVAILABLE',
  RATE_LIMITED: 'RATE_LIMITED',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/**
 * A client error about one argument: names the argument, what was expected and what arrived.
 * `received` is echoed only when it is short, so an error never carries a payload back.
 */
export function badUserInput(argument: string, expected: string, received?: unknown): GraphQLError {
  let message = `Invalid ${argument}: expected ${expected}`;
  if (received !== undefined) {
    const shown = JSON.stringify(received);
    message += shown !== undefined && shown.length <= 80 ? `, got ${shown}` : '';
  }
  return new GraphQLError(message, {
    extensions: { code: ErrorCode.BAD_USER_INPUT, argument },
  });
}

/**
 * Why a source's contribution is missing, as a class a client and an operator can act on
 * (never the driver's message, the SQL or an address).
 */
export const SourceFailureReason = {
  /** The gateway could not connect to the source. */
  UNREACHABLE: 'unreachable',
  /** The source did not answer within the gateway's timeout. */
  TIMEOUT: 'timeout',
  /** The source answered with an HTTP or GraphQL error for its contribution. */
  ERROR: 'error',
  /** The source is up but could not reach its own database. */
  DATABASE: 'database',
  /** The source's database did not finish the statement in time (statement timeout). */
  DATABASE_TIMEOUT: 'database-timeout',
  /** The source answered with something that is not a valid contribution. */
  MALFORMED: 'malformed',
} as const;
export type SourceFailureReason = (typeof SourceFailureReason)[keyof typeof SourceFailureReason];

const FAILURE_REASONS = new Set<string>(Object.values(SourceFailureReason));

export function isSourceFailureReason(value: unknown): value is SourceFailureReason {
  return typeof value === 'string' && FAILURE_REASONS.has(value);
}

const WHY: Record<SourceFailureReason, string> = {
  unreachable: 'could not be reached',
  timeout: 'did not answer in time',
  error: 'answered with an error',
  database: 'could not reach its database',
  'database-timeout': 'its database did not answer in time',
  malformed: 'answered with malformed data',
};

/** A source that could not answer. Names the source, never its address. */
export function sourceUnavailable(source: string, reason: SourceFailureReason): GraphQLError {
  const why = reason === 'database-timeout' ? WHY[reason] : `it ${WHY[reason]}`;
  return new GraphQLError(`Source ${source} is unavailable: ${why}. Results exclude it.`, {
    extensions: { code: ErrorCode.SOURCE_UNAVAILABLE, source, reason },
  });
}

/**
 * A statistics request whose table would exceed a source's row limit: the caller's to narrow,
 * so bad input, naming the limit and the source.
 */
export function tooManyRows(source: string, limit: number): GraphQLError {
  return new GraphQLError(
    `Invalid groupBy: source ${source} would return more than ${limit} rows (MAX_STATISTICS_ROWS); group by fewer dimensions or narrow the filter`,
    { extensions: { code: ErrorCode.BAD_USER_INPUT, argument: 'groupBy', source, limit } },
  );
}

/** True for errors that are safe to show to a client as they are. */
export function isClientError(error: unknown): error is GraphQLError {
  const code = error instanceof GraphQLError ? error.extensions['code'] : undefined;
  return typeof code === 'string' && code !== ErrorCode.INTERNAL_SERVER_ERROR && code in ErrorCode;
}

/** A caller over a rate limit or quota: says which, and how long to wait. */
export function rateLimited(limit: string, retryAfterSeconds: number): GraphQLError {
  return new GraphQLError(`Rate limited: ${limit}. Try again in ${retryAfterSeconds} s.`, {
    extensions: { code: ErrorCode.RATE_LIMITED, retryAfterSeconds, http: { status: 429 } },
  });
}
