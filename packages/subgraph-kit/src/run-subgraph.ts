import { OperatorError, sourceIdentity } from '@psea/contract';
import { ownerUrlVariable, readSubgraphConfig } from './config';
import { prepareSourceDatabase } from './database/source-database';
import { closeServer, listen } from './http/http-service';
import { createManagementService } from './http/management';
import { legacyPseudonymCount } from './load-records';
import { createLogger, Logger } from './logger';
import { ServiceMetrics } from './metrics';
import { answerMemoryProbes } from './memory-probe';
import { startTracing } from './tracing/tracing';
import { buildSourceSchema, createSubgraphApp, localSdl } from './subgraph-app';
import type { SubgraphDefinition } from './subgraph-definition';
import { SYNTHETIC_NOTICE, sourceSlug } from '@psea/contract';
import { ScreeningLimiter } from './screening-limiter';
import { readPublicKey, readScreeningKey } from '@psea/auth';
import { KIT_MIGRATIONS } from './migrations';

/**
 * Runs an entity subgraph as a process: configuration, migrations, HTTP, and a graceful stop on
 * SIGINT/SIGTERM. Tells a parent process its URL once it is ready. Loading data (the reference
 * dataset included) is the ingest tool's job: it holds the deployment's screening key, which the
 * service never does.
 */
export function runSubgraph(definition: SubgraphDefinition): void {
  if (process.argv.includes('--print-sdl')) {
    // For `psea compose`: the SDL needs no database, no keys and no network.
    buildSourceSchema(sourceIdentity(definition.source), SYNTHETIC_NOTICE)
      .then(localSdl)
      .then(
        (sdl) => process.stdout.write(sdl),
        (error: unknown) => {
          process.stderr.write(`${String(error)}\n`);
          process.exit(1);
        },
      );
    return;
  }
  const logger = createLogger(`subgraph-${sourceIdentity(definition.source).contributorField}`);
  start(definition, logger).catch((error: unknown) => {
    logger.fatal({ err: error }, 'could not start');
    process.exit(1);
  });
}

async function start(definition: SubgraphDefinition, logger: Logger): Promise<void> {
  const { contributorField, databaseUrlVariable } = sourceIdentity(definition.source);
  const name = `subgraph-${contributorField}`;
  let config;
  try {
    config = readSubgraphConfig(process.env, definition);
  } catch (error) {
    if (error instanceof OperatorError) {
      logger.fatal(error.message);
      process.exit(error.exitCode);
    }
    throw error;
  }
  const metrics = new ServiceMetrics(name);
  const tracing = startTracing(name);
  const pseudonymKey = readScreeningKey(config.pseudonymKeyFile);
  const gatewayPublicKey = await readPublicKey(config.gatewayPublicKeyFile);
  const { dataSource, servesAsOwner } = await prepareSourceDatabase({
    url: config.databaseUrl,
    ownerUrl: config.ownerDatabaseUrl,
    migrations: [...definition.migrations, ...KIT_MIGRATIONS],
    mapping: definition.mapping,
    poolSize: config.poolSize,
    statementTimeoutMs: config.statementTimeoutMs,
  });
  if (servesAsOwner) {
    logger.warn(
      `serving as the owner of the database: the audit log is only append-only against other roles; ` +
        `give the runtime role in ${databaseUrlVariable} and the owner in ${ownerUrlVariable(databaseUrlVariable)} (docs/security.md)`,
    );
  }
  const legacy = await legacyPseudonymCount(dataSource);
  if (legacy > 0) {
    // Serving would answer screenings that miss these people: a false clearance. Refuse instead.
    logger.fatal(
      `${legacy} stored pseudonyms predate this source's own key: run \`npx psea seed --source ${sourceSlug(definition.source)}\` ` +
        'or any `psea ingest` once with the keys; they re-key them first',
    );
    process.exit(2);
  }
  const app = await createSubgraphApp({
    definition,
    dataSource,
    logger,
    metrics,
    dataNotice: SYNTHETIC_NOTICE,
    gatewayPublicKey,
    statisticsCacheBytes: config.statisticsCacheBytes,
    maxStatisticsRows: config.maxStatisticsRows,
    // Each source process keeps its own counters: the gateway's are the ones replicas share.
    screening: { pseudonymKey, limiter: await ScreeningLimiter.create(config.screeningLimits, { kind: 'memory' }, logger) },
    tracing,
  });
  const url = await listen(app.http, config.port, config.host);
  const management = createManagementService(metrics, config.management.token);
  const managementUrl = await listen(management, config.management.port, config.management.host);
  logger.info({ url: `${url}/graphql`, metrics: `${managementUrl}/metrics` }, 'subgraph ready');
  process.send?.({ type: 'ready', url: `${url}/graphql`, metricsUrl: `${managementUrl}/metrics` });
  answerMemoryProbes();

  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    await closeServer(app.http);
    await closeServer(management);
    await app.stop();
    await dataSource.destroy();
    await tracing.shutdown().catch(() => undefined);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('disconnect', () => void stop('parent gone'));
}
