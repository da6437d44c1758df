import { ConfigError, readSubgraphConfig } from './config';
import { createDataSource, openDatabase } from './database/data-source';
import { closeServer, listen } from './http/http-service';
import { Readable } from 'node:stream';
import { stringify as stringifySync } from 'csv-stringify/sync';
import { isEmpty } from './load-records';
import { ingestCsv } from './ingest/ingest-csv';
import { exportColumns, recordToRow } from './ingest/ingest-format';
import { createLogger, Logger } from './logger';
import { ServiceMetrics } from './metrics';
import { buildSourceSchema, createSubgraphApp, localSdl } from './subgraph-app';
import type { SubgraphDefinition } from './subgraph-definition';
import { SYNTHETIC_NOTICE, referenceRecords } from '@psea/reference-data';
import { readPublicKey, readScreeningKey } from '@psea/auth';
import { KIT_MIGRATIONS } from './migrations';
import { installDataVersionTriggers } from './database/data-version';

/**
 * Runs an entity subgraph as a process: configuration, migrations, the reference dataset when
 * the database is empty (unless SEED_REFERENCE_DATA=never), HTTP,
 * and a graceful stop on SIGINT/SIGTERM. Tells a parent process its URL once it is ready.
 */
export function runSubgraph(definition: SubgraphDefinition): void {
  if (process.argv.includes('--print-sdl')) {
    // For `psea compose`: the SDL needs no database, no keys and no network.
    buildSourceSchema(definition, SYNTHETIC_NOTICE)
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
  const reference = referenceRecords(definition.source);
  if (config.seed === 'if-empty' && reference.length > 0 && (await isEmpty(dataSource, definition))) {
    // The reference dataset goes through the same path as any entity's file (psea ingest).
    const csv = stringifySync(
      reference.map((r) => recordToRow(r, true)),
      {
        header: true,
        columns: exportColumns(true),
      },
    );
    const summary = await ingestCsv({ dataSource, definition, screeningKey, open: () => Readable.from([csv]) });
    logger.info({ ...summary }, `loaded the reference dataset. ${SYNTHETIC_NOTICE}`);
  }
  await installDataVersionTriggers(dataSource, definition.mapping);
  const app = await createSubgraphApp({
    definition,
    dataSource,
    logger,
    metrics,
    dataNotice: SYNTHETIC_NOTICE,
    gatewayPublicKey,
    statisticsCacheEntries: config.statisticsCacheEntries,
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
