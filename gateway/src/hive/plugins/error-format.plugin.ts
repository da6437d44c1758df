import type { GatewayPlugin } from '@graphql-hive/gateway';
import { GraphQLError, GraphQLFormattedError } from 'graphql';
import type { Logger } from '@psea/service';
import { createGatewayErrorFormatter } from '../../format-gateway-error';

type Result = { errors?: readonly unknown[] };

/**
 * The gateway's one error formatter, applied to every answer Hive Gateway sends: registered codes
 * pass with whitelisted extensions, anything else is a bare internal error. Hive's own masking
 * is off, since it would let a subgraph's GraphQL errors through with all their extensions.
 */
export function useGatewayErrorFormat(logger: Logger): GatewayPlugin {
  const format = createGatewayErrorFormatter(logger);
  const formatResult = (result: Result): Result => {
    if (!result.errors?.length) return result;
    const refused = !('data' in result) || (result as { data?: unknown }).data === undefined;
    return {
      ...result,
      errors: result.errors.map((error) => {
        // Duck-typed: graphql-armor reports with its own copy of graphql, so instanceof fails.
        const graphqlError = error as { toJSON?: () => GraphQLFormattedError; extensions?: Record<string, unknown> };
        const plain = (graphqlError.toJSON?.() ??
          (error instanceof Error ? { message: error.message } : error)) as GraphQLFormattedError;
        // A request refused before execution was refused by a validation rule (graphql-armor's
        // limits report without a code).
        const code = plain.extensions?.['code'] ?? (refused ? 'GRAPHQL_VALIDATION_FAILED' : undefined);
        const formatted = format({ ...plain, ...(code ? { extensions: { ...plain.extensions, code } } : {}) });
        // Yoga takes the HTTP status from the error it answers with, and answers 500 to anything
        // that is not a GraphQLError: a request refused before execution is a 400, as with Apollo.
        const http = graphqlError.extensions?.['http'] ?? (refused ? { status: 400 } : undefined);
        const answer = new GraphQLError(formatted.message, {
          ...(formatted.path ? { path: formatted.path } : {}),
          extensions: { ...formatted.extensions, ...(http ? { http } : {}) },
        });
        if (formatted.locations) Object.assign(answer, { locations: formatted.locations });
        return answer;
      }),
    };
  };
  return {
    onResultProcess({ result, setResult }) {
      if (Symbol.asyncIterator in (result as object)) return;
      setResult((Array.isArray(result) ? result.map(formatResult) : formatResult(result as Result)) as never);
    },
  };
}
