import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { ErrorCode, isClientError } from '@psea/contract';
import type { Logger } from './logger';

const SAFE_APOLLO_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

/**
 * Errors reach clients only as registered codes with their own messages. Anything else is
 * logged in full and shown as a bare internal error: no stack, SQL or address ever leaves.
 */
export function createErrorFormatter(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const code = formatted.extensions?.['code'];
    if (isClientError(original) || (typeof code === 'string' && (SAFE_APOLLO_CODES.has(code) || code in ErrorCode))) {
      const { stacktrace: _drop, ...extensions } = formatted.extensions ?? {};
      void _drop;
      return { message: formatted.message, path: formatted.path, locations: formatted.locations, extensions };
    }
    logger.error({ err: original, path: formatted.path }, 'internal error');
    return {
      message: 'Internal server error',
      path: formatted.path,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}
