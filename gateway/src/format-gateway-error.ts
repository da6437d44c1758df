import type { GraphQLFormattedError } from 'graphql';
import { ENUM_VALUES, ErrorCode, internalError, shownToClient } from '@psea/contract';
import { type Logger, currentRequestId } from '@psea/service';

/** The request limits (graphql-armor) report as validation errors; give each its own code. */
const LIMITS: Array<[RegExp, string]> = [
  [/depth limit/i, ErrorCode.QUERY_TOO_DEEP],
  [/aliases limit/i, ErrorCode.TOO_MANY_ALIASES],
  [/cost limit/i, ErrorCode.QUERY_TOO_COSTLY],
  [/token limit/i, ErrorCode.QUERY_TOO_LARGE],
  [/directives limit/i, ErrorCode.TOO_MANY_DIRECTIVES],
  // One screening per request (limits/one-screening-per-request.ts): the caller's request to fix.
  [/one subject per request/, ErrorCode.BAD_USER_INPUT],
];

const UNKNOWN_ENUM = /^(?:Value|Enum) "([^"]+)" does not exist in "([^"]+)" enum/;

/**
 * The gateway's last word on errors: the request limits and unknown enum values get their own
 * codes, then the contract's error policy decides (registered codes with their own messages and
 * allowed extensions pass); anything else becomes a bare internal error, logged in full here.
 */
export function createGatewayErrorFormatter(logger: Logger) {
  return (formatted: GraphQLFormattedError): GraphQLFormattedError => {
    let code = formatted.extensions?.['code'];
    let message = formatted.message;
    const limit = LIMITS.find(([pattern]) => pattern.test(message));
    if (limit && (code === 'GRAPHQL_VALIDATION_FAILED' || code === 'GRAPHQL_PARSE_FAILED' || code === ErrorCode.BAD_USER_INPUT)) {
      code = limit[1];
      message = message.replace(/^Syntax Error: /, '');
    }
    // An unknown enum value is bad input from the caller, whichever phase caught it; say what
    // would have been accepted.
    const unknownEnum = UNKNOWN_ENUM.exec(message.replace(/^Variable .*?; /, ''));
    if (unknownEnum && (code === 'GRAPHQL_VALIDATION_FAILED' || code === ErrorCode.BAD_USER_INPUT)) {
      code = ErrorCode.BAD_USER_INPUT;
      const allowed = ENUM_VALUES[unknownEnum[2] as string];
      if (allowed) message = `${message.replace(/\.$/, '')}; expected one of ${allowed.join(', ')}`;
    }
    const shown = shownToClient(formatted, code, message);
    if (shown) return shown;
    const requestId = currentRequestId();
    logger.error({ error: formatted, requestId }, 'internal error');
    return internalError(formatted.path, requestId);
  };
}
