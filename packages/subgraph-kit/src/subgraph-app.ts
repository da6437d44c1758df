import type { Server } from 'node:http';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import type { KeyLike } from 'jose';
import type { DataSource } from 'typeorm';
import { GatewayPrincipal, createGatewayTokenVerifier } from '@psea/auth';
import { ErrorCode, SourceIdentity, errorBody, sourceIdentity, sourceSlug } from '@psea/contract';
import { AuditLog } from './audit/audit-log';
import { operationAuthChecker } from './auth-checker';
import type { SubgraphContext } from './context';
import { SqlRunner } from './database/sql-runner';
import { withRequestSignal } from './database/request-signal';
import { buildFederatedSchema } from './federation';
import { createErrorFormatter, errorLoggingPlugin } from './format-error';
import { type Logger, type ServiceMetrics, type Tracing, createHttpService, handleGraphQLRequest, sendJson } from '@psea/service';
import { conformanceOnlyService } from './http/conformance-only-service';
import { createLoaders } from './loaders';
import { ScreeningSetup, SourceRepository } from './source-repository';
import { StatisticsCache } from './statistics-cache';
import type { SubgraphDefinition } from './subgraph-definition';
import { contributorResolvers } from './views/contributor-views';
import type { GraphQLSchema } from 'graphql';

export interface SubgraphApp {
  readonly http: Server;
  readonly apollo: ApolloServer<SubgraphContext>;
  stop(): Promise<void>;
}

export interface SubgraphAppOptions {
  readonly definition: SubgraphDefinition;
  readonly dataSource: DataSource;
  readonly logger: Logger;
  readonly metrics: ServiceMetrics;
  readonly dataNotice: string;
  /** Verifies the gateway's tokens: nothing else may call a source. */
  readonly gatewayPublicKey: KeyLike;
  /** Bytes of statistics answers kept per data version; 0 turns the cache off. */
  readonly statisticsCacheBytes?: number;
  /** Most rows one statistics contribution may have (default 10,000). */
  readonly maxStatisticsRows?: number;
  /** This source's pseudonym key and the per-caller screening limits. */
  readonly screening: ScreeningSetup;
  /** Request spans (the request id comes from the gateway's `traceparent`). */
  readonly tracing?: Tracing;
}

/** The schema of an entity subgraph: the contract's views with this source's contributions. */
export function buildSourceSchema(
  identity: Pick<SourceIdentity, 'source' | 'contributorField'>,
  dataNotice: string,
): Promise<GraphQLSchema> {
  const { resolvers, orphanedTypes, referenceResolvers } = contributorResolvers(
    identity.source,
    identity.contributorField,
    dataNotice,
  );
  return buildFederatedSchema<SubgraphContext>({
    resolvers,
    orphanedTypes,
    referenceResolvers,
    authChecker: operationAuthChecker,
  });
}

/** Builds an entity subgraph's schema and HTTP service, without listening. */
export async function createSubgraphApp(options: SubgraphAppOptions): Promise<SubgraphApp> {
  const { definition, dataSource, logger, metrics } = options;
  const sql = new SqlRunner(dataSource, metrics, sourceSlug(definition.source));
  const repository = new SourceRepository(definition.source, definition.mapping, sql, new AuditLog(sql), {
    screening: options.screening,
    cache: new StatisticsCache(options.statisticsCacheBytes ?? 32 * 1024 * 1024),
    onCache: (result) => metrics.statisticsCache.inc({ result }),
    maxStatisticsRows: options.maxStatisticsRows ?? 10_000,
  });
  const schema = await buildSourceSchema(sourceIdentity(definition.source), options.dataNotice);
  const apollo = new ApolloServer<SubgraphContext>({
    schema,
    formatError: createErrorFormatter(sourceSlug(definition.source)),
    includeStacktraceInErrorResponses: false,
    // Only the gateway calls a source, and it reads the SDL from `_service`: whatever NODE_ENV says.
    introspection: false,
    // The process owns its signals: it drains HTTP, then stops Apollo, then closes the pool.
    stopOnTerminationSignals: false,
    // Only the gateway calls a source; it needs no IDE, and traces would tell timings to callers.
    // Cache hints are for HTTP caches in front of a public server, and no source sets one; left
    // on, Apollo wraps every field resolver to compute them (5 % of a source's CPU on a page of 100).
    plugins: [
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginLandingPageDisabled(),
      conformanceOnlyService,
      errorLoggingPlugin(logger),
    ],
  });
  await apollo.start();
  const verify = createGatewayTokenVerifier(options.gatewayPublicKey, sourceSlug(definition.source));
  const http = createHttpService({
    logger,
    metrics,
    ...(options.tracing ? { tracing: options.tracing } : {}),
    routes: {
      '/graphql': async (req, res, span) => {
        let principal: GatewayPrincipal;
        try {
          principal = await verify(req.headers.authorization);
        } catch (error) {
          logger.warn(
            { requestId: span.traceId, reason: (error as Error).message },
            'rejected a request without a valid gateway token',
          );
          sendJson(res, 401, errorBody(ErrorCode.UNAUTHENTICATED, (error as Error).message));
          return;
        }
        const caller = principal.kind === 'caller' ? principal.caller : undefined;
        // The gateway gave up (its timeout) or went away: cancel this request's SQL.
        const gone = new AbortController();
        res.on('close', () => {
          if (!res.writableFinished) gone.abort();
        });
        await withRequestSignal(gone.signal, () =>
          handleGraphQLRequest(apollo, req, res, async () => {
            // The gateway's trace id: one grep finds this request in the gateway's logs and here.
            const requestId = span.traceId;
            return {
              requestId,
              logger: logger.child({ requestId }),
              caller,
              principal,
              loaders: createLoaders(repository, caller),
            };
          }),
        );
      },
      '/health': async (_req, res) => {
        try {
          await dataSource.query('SELECT 1');
          sendJson(res, 200, { status: 'ok', source: definition.source });
        } catch {
          sendJson(res, 503, { status: 'database unavailable', source: definition.source });
        }
      },
    },
  });
  return {
    http,
    apollo,
    stop: async () => {
      await apollo.stop();
      await options.screening.limiter.close();
    },
  };
}
