import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { ErrorCode, isClientError, sourceUnavailable } from '@psea/contract';
import { databaseFailure } from './database/database-failure';
import type { SubgraphContext } from './context';
import type { Logger } from './logger';

/** The one answer to an internal error, at a source and at the gateway. */
export function internalError(path: GraphQLFormattedError['path'], requestId: string | undefined): GraphQLFormattedError {
  return {
    message: requestId ? `Internal server error (request ${requestId})` : 'Internal server error',
    ...(path ? { path } : {}),
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, ...(requestId ? { requestId } : {}) },
  };
}

const SAFE_APOLLO_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

/** Errors a client may see as they are: the registry's codes and Apollo's own request errors. */
function isShownAsIs(original: unknown, code: unknown): boolean {
  // Not INTERNAL_SERVER_ERROR: Apollo gives that code to anything thrown, with its own message.
  return (
    isClientError(original) ||
    (typeof code === 'string' && (SAFE_APOLLO_CODES.has(code) || (code in ErrorCode && code !== ErrorCode.INTERNAL_SERVER_ERROR)))
  );
}

/**
 * Errors reach clients only as registered codes with their own messages. A database that is
 * down or too slow becomes SOURCE_UNAVAILABLE with its reason class, so the gateway reports
 * this source as missing rather than failing the whole answer. Anything else is shown as a
 * bare internal error: no stack, SQL or address ever leaves (`errorLoggingPlugin` logs it in full).
 *
 * @param source the source's name as clients know it (e.g. `peacekeeping`)
 */
export function createErrorFormatter(source: string) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const database = databaseFailure(original);
    if (database) {
      const unavailable = sourceUnavailable(source, database);
      return { message: unavailable.message, path: formatted.path, extensions: unavailable.extensions };
    }
    if (isShownAsIs(original, formatted.extensions?.['code'])) {
      const { stacktrace: _drop, ...extensions } = formatted.extensions ?? {};
      void _drop;
      return { message: formatted.message, path: formatted.path, locations: formatted.locations, extensions };
    }
    return {
      message: 'Internal server error',
      path: formatted.path,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}

/**
 * Logs every error a request met, in full, with the request's id (the gateway's trace id), so
 * an operator following a request finds why it failed: a database that is down at warn, a
 * defect at error. Clients see only what `createErrorFormatter` lets through.
 */
export function errorLoggingPlugin(fallback: Logger): ApolloServerPlugin<SubgraphContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue }) {
          const logger = contextValue?.logger ?? fallback;
          for (const error of errors) {
            const original = unwrapResolverError(error);
            const database = databaseFailure(original);
            if (database) logger.warn({ err: original, path: error.path, reason: database }, 'database unavailable');
            else if (!isShownAsIs(original, error.extensions['code']))
              logger.error({ err: original, path: error.path }, 'internal error');
          }
        },
      };
    },
  };
}
