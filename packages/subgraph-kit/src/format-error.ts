import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { ErrorCode, isClientError, sourceUnavailable } from '@psea/contract';
import { databaseFailure } from './database/database-failure';
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
 * Errors reach clients only as registered codes with their own messages. A database that is
 * down or too slow becomes SOURCE_UNAVAILABLE with its reason class, so the gateway reports
 * this source as missing rather than failing the whole answer. Anything else is logged in full
 * and shown as a bare internal error: no stack, SQL or address ever leaves.
 *
 * @param source the source's name as clients know it (e.g. `peacekeeping`)
 */
export function createErrorFormatter(logger: Logger, source: string) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const database = databaseFailure(original);
    if (database) {
      logger.warn({ err: original, path: formatted.path, reason: database }, 'database unavailable');
      const unavailable = sourceUnavailable(source, database);
      return { message: unavailable.message, path: formatted.path, extensions: unavailable.extensions };
    }
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
