import type { GraphQLFormattedError } from 'graphql';
import { ENUM_VALUES, ErrorCode } from '@psea/contract';
import { type Logger, currentRequestId, internalError } from '@psea/subgraph-kit';

const CLIENT_CODES = new Set<string>([
  ...Object.values(ErrorCode).filter((c) => c !== ErrorCode.INTERNAL_SERVER_ERROR),
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'QUERY_TOO_DEEP',
  'TOO_MANY_ALIASES',
  'QUERY_TOO_COSTLY',
  'QUERY_TOO_LARGE',
  'TOO_MANY_DIRECTIVES',
]);

/** The request limits (graphql-armor) report as validation errors; give each its own code. */
const LIMITS: Array<[RegExp, string]> = [
  [/depth limit/i, 'QUERY_TOO_DEEP'],
  [/aliases limit/i, 'TOO_MANY_ALIASES'],
  [/cost limit/i, 'QUERY_TOO_COSTLY'],
  [/token limit/i, 'QUERY_TOO_LARGE'],
  [/directives limit/i, 'TOO_MANY_DIRECTIVES'],
  // One screening per request (limits/one-screening-per-request.ts): the caller's request to fix.
  [/one subject per request/, 'BAD_USER_INPUT'],
];

/** Extension keys a client may see; everything else (responses, URLs, stacks) is dropped. */
const CLIENT_EXTENSIONS = ['code', 'argument', 'source', 'reason', 'operation', 'retryAfterSeconds', 'limit'];

const UNKNOWN_ENUM = /^(?:Value|Enum) "([^"]+)" does not exist in "([^"]+)" enum/;

/**
 * The gateway's last word on errors: registered codes with their own messages pass, with only
 * whitelisted extensions; anything else becomes a bare internal error, logged in full here.
 */
export function createGatewayErrorFormatter(logger: Logger) {
  return (formatted: GraphQLFormattedError): GraphQLFormattedError => {
    let code = formatted.extensions?.['code'];
    let message = formatted.message;
    const limit = LIMITS.find(([pattern]) => pattern.test(message));
    if (limit && (code === 'GRAPHQL_VALIDATION_FAILED' || code === 'GRAPHQL_PARSE_FAILED' || code === 'BAD_USER_INPUT')) {
      code = limit[1];
      message = message.replace(/^Syntax Error: /, '');
    }
    // An unknown enum value is bad input from the caller, whichever phase caught it; say what
    // would have been accepted.
    const unknownEnum = UNKNOWN_ENUM.exec(message.replace(/^Variable .*?; /, ''));
    if (unknownEnum && (code === 'GRAPHQL_VALIDATION_FAILED' || code === 'BAD_USER_INPUT')) {
      code = ErrorCode.BAD_USER_INPUT;
      const allowed = ENUM_VALUES[unknownEnum[2] as string];
      if (allowed) message = `${message.replace(/\.$/, '')}; expected one of ${allowed.join(', ')}`;
    }
    if (typeof code === 'string' && CLIENT_CODES.has(code) && !/https?:\/\//.test(message)) {
      const extensions: Record<string, unknown> = { code };
      for (const key of CLIENT_EXTENSIONS.slice(1)) {
        if (formatted.extensions?.[key] !== undefined) extensions[key] = formatted.extensions[key];
      }
      return {
        message,
        ...(formatted.path ? { path: formatted.path } : {}),
        locations: formatted.locations,
        extensions,
      };
    }
    const requestId = currentRequestId();
    logger.error({ error: formatted, requestId }, 'internal error');
    return internalError(formatted.path, requestId);
  };
}
