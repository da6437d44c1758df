import { ConfigError, readSubgraphConfig } from './config';
import { createDataSource, openDatabase } from './database/data-source';
import { closeServer, listen } from './http/http-service';
import { isEmpty, loadRecords } from './load-records';
import { createLogger, Logger } from './logger';
import { ServiceMetrics } from './metrics';
import { createSubgraphApp } from './subgraph-app';
import type { SubgraphDefinition } from './subgraph-definition';
import { SYNTHETIC_NOTICE, referenceRecords } from '@psea/reference-data';
import { readPublicKey, readScreeningKey } from '@psea/auth';
import { KIT_MIGRATIONS } from './migrations';

/**
 * Runs an entity subgraph as a process: configuration, migrations, the reference dataset when
 * the database is empty (unless SEED_REFERENCE_DATA=never), HTTP,
 * and a graceful stop on SIGINT/SIGTERM. Tells a parent process its URL once it is ready.
 */
export function runSubgraph(definition: SubgraphDefinition): void {
  const logger = createLogger(`subgraph-${definition.contributorField}`);
  start(definition, logger).catch((error: unknown) => {
    logger.fatal({ err: error }, 'could not start');
    process.exit(1);
  });
}

async function start(definition: SubgraphDefinition, logger: Logger): Promise<void> {
  const name = `subgraph-${definition.contributorField}`;
  let config;
  try {
    config = readSubgraphConfig(process.env, definition);
  } catch (error) {
    if (error instanceof ConfigError) {
      logger.fatal(error.message);
      process.exit(2);
    }
    throw error;
  }
  const metrics = new ServiceMetrics(name);
  const screeningKey = readScreeningKey(config.screeningKeyFile);
  const gatewayPublicKey = await readPublicKey(config.gatewayPublicKeyFile);
  const dataSource = await openDatabase(
    createDataSource({
      url: config.databaseUrl,
      entities: definition.entities,
      migrations: [...definition.migrations, ...KIT_MIGRATIONS],
      poolSize: config.poolSize,
    }),
  );
  if (config.seed === 'if-empty' && (await isEmpty(dataSource, definition))) {
    const summary = await loadRecords(dataSource, definition, referenceRecords(definition.source), screeningKey);
    logger.info({ ...summary }, `loaded the reference dataset. ${SYNTHETIC_NOTICE}`);
  }
  const app = await createSubgraphApp({
    definition,
    dataSource,
    logger,
    metrics,
    dataNotice: SYNTHETIC_NOTICE,
    gatewayPublicKey,
  });
  const url = await listen(app.http, config.port, config.host);
  logger.info({ url: `${url}/graphql` }, 'subgraph ready');
  process.send?.({ type: 'ready', url: `${url}/graphql` });

  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    await closeServer(app.http);
    await app.stop();
    await dataSource.destroy();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('disconnect', () => void stop('parent gone'));
}
