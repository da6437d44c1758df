import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { internalError, isShownCode, shownToClient, sourceUnavailable } from '@psea/contract';
import { databaseFailure } from './database/database-failure';
import type { SubgraphContext } from './context';
import type { Logger } from '@psea/service';

/**
 * Errors reach clients only as the contract's error policy lets them (registered codes with their
 * own messages and allowed extensions, the same policy as the gateway's). A database that is
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
    return shownToClient(formatted) ?? internalError(formatted.path);
  };
}

/**
 * Logs every error a request met, in full, with the request's id (the gateway's trace id), so
 * an operator following a request finds why it failed: a database that is down at warn, a
 * defect at error. Clients see only what `createErrorFormatter` lets through.
 */
export function errorLoggingPlugin<TContext extends Pick<SubgraphContext, 'logger'> = SubgraphContext>(
  fallback: Logger,
): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue }) {
          const logger = contextValue?.logger ?? fallback;
          for (const error of errors) {
            const original = unwrapResolverError(error);
            const database = databaseFailure(original);
            if (database) logger.warn({ err: original, path: error.path, reason: database }, 'database unavailable');
            else if (!isShownCode(error.extensions['code'])) logger.error({ err: original, path: error.path }, 'internal error');
          }
        },
      };
    },
  };
}
