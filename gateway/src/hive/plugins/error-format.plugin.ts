import type { GatewayPlugin } from '@graphql-hive/gateway';
import { GraphQLError, GraphQLFormattedError } from 'graphql';
import type { Logger } from '@psea/subgraph-kit';
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
    return {
      ...result,
      errors: result.errors.map((error) => {
        const plain = (
          error instanceof GraphQLError ? error.toJSON() : error instanceof Error ? { message: error.message } : error
        ) as GraphQLFormattedError;
        const formatted = format(plain);
        // Yoga takes the HTTP status from the error it answers with (400 for a request it
        // refused), and answers 500 to anything that is not a GraphQLError.
        const http = error instanceof GraphQLError ? error.extensions['http'] : undefined;
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
