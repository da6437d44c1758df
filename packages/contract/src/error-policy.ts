import type { GraphQLFormattedError } from 'graphql';
import { ErrorCode } from './errors';

/**
 * The one policy of both error formatters (the gateway's and every source's): which codes a
 * client sees with their own message, which extension keys go with them, and the one answer to
 * anything else. A source and the gateway cannot disagree on what leaves the hub.
 */

/** Apollo's own request-phase codes: the caller's request to fix, with Apollo's message. */
const REQUEST_CODES = [
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  // @apollo/gateway's code for a document it cannot run as asked ("Unknown operation named X",
  // several operations and no name): the caller's to fix, not an internal error.
  'INVALID_GRAPHQL',
] as const;

const SHOWN_CODES = new Set<string>([
  ...Object.values(ErrorCode).filter((c) => c !== ErrorCode.INTERNAL_SERVER_ERROR),
  ...REQUEST_CODES,
]);

/** Extension keys a client may see; everything else (responses, URLs, stacks) is dropped. */
const CLIENT_EXTENSIONS = ['code', 'argument', 'source', 'reason', 'operation', 'retryAfterSeconds', 'limit'] as const;

/**
 * Whether an error with this code is shown as it is. Not INTERNAL_SERVER_ERROR: Apollo gives that
 * code to anything thrown, with the thrown message.
 */
export function isShownCode(code: unknown): code is string {
  return typeof code === 'string' && SHOWN_CODES.has(code);
}

/**
 * An error as a client may see it: its message, where it happened and the allowed extensions
 * only; undefined when it must not be shown (a code not shown, or a message naming an address).
 */
export function shownToClient(
  formatted: GraphQLFormattedError,
  code: unknown = formatted.extensions?.['code'],
  message = formatted.message,
): GraphQLFormattedError | undefined {
  if (!isShownCode(code) || /https?:\/\//.test(message)) return undefined;
  const extensions: Record<string, unknown> = { code };
  for (const key of CLIENT_EXTENSIONS.slice(1)) {
    if (formatted.extensions?.[key] !== undefined) extensions[key] = formatted.extensions[key];
  }
  return {
    message,
    ...(formatted.path ? { path: formatted.path } : {}),
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    extensions,
  };
}

/** The one answer to an internal error, at a source and at the gateway. */
export function internalError(path: GraphQLFormattedError['path'], requestId?: string): GraphQLFormattedError {
  return {
    message: requestId ? `Internal server error (request ${requestId})` : 'Internal server error',
    ...(path ? { path } : {}),
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, ...(requestId ? { requestId } : {}) },
  };
}

/** The body of an error answered before GraphQL runs (no credentials, a body too large, a crash). */
export function errorBody(code: ErrorCode | (typeof REQUEST_CODES)[number], message: string) {
  return { errors: [{ message, extensions: { code } }] };
}
