import { localSdl } from '@psea/composition';
import { OperatorError, SYNTHETIC_NOTICE, sourceIdentity, sourceSlug } from '@psea/contract';
import { type Logger, type StartedService, ServiceMetrics, createLogger, serveUntilStopped, startTracing } from '@psea/service';
import { readPublicKey, readScreeningKey } from '@psea/auth';
import { ownerUrlVariable, readSubgraphConfig } from './config';
import { prepareSourceDatabase } from './database/source-database';
import { legacyPseudonymCount } from './load-records';
import { buildSourceSchema, createSubgraphApp } from './subgraph-app';
import type { SubgraphDefinition } from './subgraph-definition';
import { ScreeningLimiter } from './screening-limiter';
import { KIT_MIGRATIONS } from './migrations';

/**
 * Runs an entity subgraph as a process: configuration, migrations, then served (and stopped on
 * SIGINT/SIGTERM) like every service. Loading data (the reference dataset included) is the
 * ingest tool's job: it holds the deployment's screening key, which the service never does.
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
  serveUntilStopped(logger, () => start(definition, logger));
}

async function start(definition: SubgraphDefinition, logger: Logger): Promise<StartedService> {
  const { contributorField, databaseUrlVariable } = sourceIdentity(definition.source);
  const name = `subgraph-${contributorField}`;
  const config = readSubgraphConfig(process.env, definition);
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
    await dataSource.destroy();
    // Serving would answer screenings that miss these people: a false clearance. Refuse instead.
    throw new OperatorError(
      `${legacy} stored pseudonyms predate this source's own key: run \`npx psea seed --source ${sourceSlug(definition.source)}\` ` +
        'or any `psea ingest` once with the keys; they re-key them first',
      2,
    );
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
  return { app, config, metrics, tracing, readyMessage: 'subgraph ready', release: () => dataSource.destroy() };
}
