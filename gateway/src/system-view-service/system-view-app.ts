import type { Server } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import type { KeyLike } from 'jose';
import { GatewayPrincipal, createGatewayTokenVerifier } from '@psea/auth';
import { ErrorCode, errorBody } from '@psea/contract';
import { createErrorFormatter, errorLoggingPlugin } from '@psea/subgraph-kit';
import { Logger, ServiceMetrics, Tracing, createHttpService, handleGraphQLRequest, sendJson } from '@psea/service';
import { SYSTEM_VIEW } from '@psea/composition';
import type { SystemViewContext } from '../system-view/system-view-context';

/**
 * The largest request the system view reads. Its `_entities` requests carry every source's
 * statistics table (compact, about 100 bytes a row, up to MAX_STATISTICS_ROWS rows a source),
 * far above a client's limit; only the routing tier, whose token is checked before the body is
 * read, can send one.
 */
const SYSTEM_VIEW_BODY_LIMIT = 64 * 1024 * 1024;

/** The system view's context, with the request's logger for errors. */
type SystemViewServiceContext = SystemViewContext & { readonly logger: Logger };

export interface SystemViewApp {
  readonly http: Server;
  stop(): Promise<void>;
}

export interface SystemViewAppOptions {
  readonly schema: GraphQLSchema;
  /** The routing tier's public key: only a router holding the signing key may call the system view. */
  readonly gatewayPublicKey: KeyLike;
  readonly logger: Logger;
  readonly metrics: ServiceMetrics;
  readonly tracing?: Tracing;
}

/**
 * The system view as a service of its own, called by any router like an entity subgraph. It
 * trusts exactly what the sources trust: the short-lived token the routing tier signs for it
 * (audience `system-view`) carrying the caller's claims. A caller's own token, or none, is
 * UNAUTHENTICATED, so `_entities`, `_service` and the screening fields are closed to clients.
 */
export async function createSystemViewApp(options: SystemViewAppOptions): Promise<SystemViewApp> {
  const { logger, metrics } = options;
  const apollo = new ApolloServer<SystemViewServiceContext>({
    schema: options.schema,
    formatError: createErrorFormatter(SYSTEM_VIEW),
    includeStacktraceInErrorResponses: false,
    stopOnTerminationSignals: false,
    introspection: false,
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginLandingPageDisabled(),
      errorLoggingPlugin<SystemViewServiceContext>(logger),
    ],
  });
  await apollo.start();
  const verify = createGatewayTokenVerifier(options.gatewayPublicKey, SYSTEM_VIEW);
  const http = createHttpService({
    logger,
    metrics,
    ...(options.tracing ? { tracing: options.tracing } : {}),
    routes: {
      '/graphql': async (req, res, span) => {
        let principal: GatewayPrincipal;
        try {
          principal = await verify(req.headers.authorization);
          // Conformance tokens are for checking a source before it goes live, not for the view.
          if (principal.kind === 'conformance') throw new Error('a conformance token may not call the system view');
        } catch (error) {
          logger.warn(
            { requestId: span.traceId, reason: (error as Error).message },
            'rejected a request without a valid router token',
          );
          sendJson(res, 401, errorBody(ErrorCode.UNAUTHENTICATED, (error as Error).message));
          return;
        }
        const caller = principal.kind === 'caller' ? principal.caller : undefined;
        await handleGraphQLRequest(
          apollo,
          req,
          res,
          async () => ({
            ...(caller ? { caller } : {}),
            logger: logger.child({ requestId: span.traceId }),
          }),
          SYSTEM_VIEW_BODY_LIMIT,
        );
      },
      '/health': (_req, res) => sendJson(res, 200, { status: 'ok', service: SYSTEM_VIEW }),
    },
  });
  return { http, stop: () => apollo.stop() };
}
