import type { GraphQLFormattedError } from 'graphql';
import { ErrorCode } from '@psea/contract';
import type { Logger } from '@psea/subgraph-kit';

const CLIENT_CODES = new Set<string>([
  ...Object.values(ErrorCode).filter((c) => c !== ErrorCode.INTERNAL_SERVER_ERROR),
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

/** Extension keys a client may see; everything else (responses, URLs, stacks) is dropped. */
const CLIENT_EXTENSIONS = ['code', 'argument', 'source', 'reason'];

const UNKNOWN_ENUM = /^(?:Value|Enum) "([^"]+)" does not exist in "([^"]+)" enum/;

/**
 * The gateway's last word on errors: registered codes with their own messages pass, with only
 * whitelisted extensions; anything else becomes a bare internal error, logged in full here.
 */
export function createGatewayErrorFormatter(logger: Logger) {
  return (formatted: GraphQLFormattedError): GraphQLFormattedError => {
    let code = formatted.extensions?.['code'];
    // An unknown enum value is bad input from the caller, whichever phase caught it.
    if (code === 'GRAPHQL_VALIDATION_FAILED' && UNKNOWN_ENUM.test(formatted.message)) code = ErrorCode.BAD_USER_INPUT;
    if (typeof code === 'string' && CLIENT_CODES.has(code) && !/https?:\/\//.test(formatted.message)) {
      const extensions: Record<string, unknown> = { code };
      for (const key of CLIENT_EXTENSIONS.slice(1)) {
        if (formatted.extensions?.[key] !== undefined) extensions[key] = formatted.extensions[key];
      }
      return {
        message: formatted.message,
        ...(formatted.path ? { path: formatted.path } : {}),
        locations: formatted.locations,
        extensions,
      };
    }
    logger.error({ error: formatted }, 'internal error');
    return {
      message: 'Internal server error',
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}
