import 'reflect-metadata';
import {
  ScreeningLimiter,
  ServiceMetrics,
  closeServer,
  createLogger,
  createManagementService,
  listen,
  startTracing,
} from '@psea/subgraph-kit';
import { readPublicKey, readScreeningKey } from '@psea/auth';
import { OperatorError } from '@psea/contract';
import { buildSystemViewSchema } from '../system-view/system-view.schema';
import { createSystemViewApp } from './system-view-app';
import { readSystemViewServiceConfig } from './system-view-config';

const logger = createLogger('system-view');

/** The system view as its own process (SYSTEM_VIEW_URL on the routers points here). */
async function main(): Promise<void> {
  const config = readSystemViewServiceConfig(process.env);
  const screeningLimiter = await ScreeningLimiter.create(config.screeningLimits, config.limiterStore, logger);
  const schema = await buildSystemViewSchema(config.sources, {
    screeningKey: readScreeningKey(config.screeningKeyFile),
    screeningLimiter,
    timelinessTargets: config.timelinessTargets,
  });
  const tracing = startTracing('system-view');
  const metrics = new ServiceMetrics('system-view');
  const app = await createSystemViewApp({
    schema,
    gatewayPublicKey: await readPublicKey(config.gatewayPublicKeyFile),
    logger,
    metrics,
    tracing,
  });
  const url = await listen(app.http, config.port, config.host);
  const management = createManagementService(metrics, config.management.token);
  const managementUrl = await listen(management, config.management.port, config.management.host);
  logger.info({ url: `${url}/graphql`, metrics: `${managementUrl}/metrics` }, 'system view ready');
  process.send?.({ type: 'ready', url: `${url}/graphql`, metricsUrl: `${managementUrl}/metrics` });
  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    await closeServer(app.http);
    await closeServer(management);
    await app.stop();
    await screeningLimiter.close();
    await tracing.shutdown().catch(() => undefined);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  process.on('disconnect', () => void stop());
}

main().catch((error: unknown) => {
  if (error instanceof OperatorError) {
    logger.fatal(error.message);
    process.exit(error.exitCode);
  }
  logger.fatal({ err: error }, 'could not start');
  process.exit(1);
});
