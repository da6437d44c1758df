import { GraphQLError } from 'graphql';
import { OPERATION_NAMES, Operation } from './roles';

/**
 * The one registry of errors: the codes a client can see and the constructors that raise them
 * (here), what a formatter lets through (error-policy.ts), and the one base class of the
 * failures an operator sees (OperatorError, below). Nothing else spells a code.
 */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  SOURCE_UNAVAILABLE: 'SOURCE_UNAVAILABLE',
  RATE_LIMITED: 'RATE_LIMITED',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
  /** The request limits (graphql-armor at the gateway), each with its own code. */
  QUERY_TOO_DEEP: 'QUERY_TOO_DEEP',
  TOO_MANY_ALIASES: 'TOO_MANY_ALIASES',
  QUERY_TOO_COSTLY: 'QUERY_TOO_COSTLY',
  QUERY_TOO_LARGE: 'QUERY_TOO_LARGE',
  TOO_MANY_DIRECTIVES: 'TOO_MANY_DIRECTIVES',
  /** A request body over the service's limit, refused before GraphQL reads it. */
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Exit codes of every command and service process. */
export const EXIT = {
  OK: 0,
  /** The command ran and found problems (invalid rows, a non-conformant subgraph, composition errors). */
  PROBLEMS: 1,
  /** The command was called or configured wrongly (unknown option, bad argument, bad variable). */
  USAGE: 2,
  /** Something around it failed (database unreachable, file missing, subgraph down). */
  ENVIRONMENT: 3,
} as const;

/**
 * A failure an operator reads (a bad variable, a sources file that does not parse, a supergraph
 * that does not compose, a file that does not load): printed as its message, one line or a
 * list, without a stack, and the process exits with `exitCode`. Client errors are GraphQLErrors.
 */
export class OperatorError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.ENVIRONMENT,
  ) {
    super(message);
  }
}

/** Bad configuration (environment variables, the sources file): the message names what and why. */
export class ConfigError extends OperatorError {
  constructor(message: string) {
    super(message, EXIT.USAGE);
  }
}

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

/** A known caller asking for more than its role allows: names the operation, never records. */
export function forbidden(operation: Operation, detail?: string): GraphQLError {
  return new GraphQLError(`Forbidden: your role may not use ${OPERATION_NAMES[operation]}${detail ? ` ${detail}` : ''}`, {
    extensions: { code: ErrorCode.FORBIDDEN, operation, http: { status: 403 } },
  });
}

/** A caller refused one argument of an operation: names the argument and explains why. */
export function forbiddenArgument(operation: Operation, argument: string, explanation: string): GraphQLError {
  return new GraphQLError(`Forbidden: ${argument}: ${explanation}`, {
    extensions: { code: ErrorCode.FORBIDDEN, operation, argument, http: { status: 403 } },
  });
}

/** A principal that may not use this service's GraphQL at all (a conformance token past `_service`). */
export function forbiddenService(message: string): GraphQLError {
  return new GraphQLError(`Forbidden: ${message}`, { extensions: { code: ErrorCode.FORBIDDEN, http: { status: 403 } } });
}

/** No valid credentials. */
export function unauthenticated(reason: string): GraphQLError {
  return new GraphQLError(`Unauthenticated: ${reason}`, {
    extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } },
  });
}

/** A caller over a rate limit or quota: says which, and how long to wait. */
export function rateLimited(limit: string, retryAfterSeconds: number): GraphQLError {
  return new GraphQLError(`Rate limited: ${limit}. Try again in ${retryAfterSeconds} s.`, {
    extensions: { code: ErrorCode.RATE_LIMITED, retryAfterSeconds, http: { status: 429 } },
  });
}
