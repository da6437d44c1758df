import type { GatewayPlugin } from '@graphql-hive/gateway';
import { GraphQLError, GraphQLFormattedError } from 'graphql';
import { ErrorCode } from '@psea/contract';
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
        const status = graphqlError.extensions?.['http'] ?? (refused ? { status: 400 } : undefined);
        const http = status ? { http: status } : undefined;
        // Yoga serialises an error's locations from its source and positions, not from a
        // `locations` property: they are carried over so the answer points into the document.
        const origin = error as Partial<Pick<GraphQLError, 'nodes' | 'source' | 'positions'>>;
        return new GraphQLError(formatted.message, {
          ...(formatted.path ? { path: formatted.path } : {}),
          ...(formatted.locations
            ? { nodes: origin.nodes ?? null, source: origin.source ?? null, positions: origin.positions ?? null }
            : {}),
          extensions: { ...formatted.extensions, ...(http ?? httpStatusOfRefusal(result, formatted) ?? {}) },
        });
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

/**
 * The HTTP status the Apollo gateway answers a refused request with (no data at all, and the
 * error's code says why): 403 for FORBIDDEN, 401 for UNAUTHENTICATED, 429 for RATE_LIMITED, so a
 * client sees the same status whichever engine answers. Partial answers stay 200.
 */
function httpStatusOfRefusal(result: Result, formatted: GraphQLFormattedError): { http: { status: number } } | undefined {
  if ((result as { data?: unknown }).data !== null) return undefined;
  const status = REFUSAL_STATUS[String(formatted.extensions?.['code'])];
  return status ? { http: { status } } : undefined;
}

const REFUSAL_STATUS: Readonly<Record<string, number>> = {
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.RATE_LIMITED]: 429,
};
