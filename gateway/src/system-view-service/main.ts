import 'reflect-metadata';
import { ScreeningLimiter } from '@psea/subgraph-kit';
import { type StartedService, ServiceMetrics, createLogger, serveUntilStopped, startTracing } from '@psea/service';
import { readPublicKey, readScreeningKey } from '@psea/auth';
import { buildSystemViewSchema } from '../system-view/system-view.schema';
import { createSystemViewApp } from './system-view-app';
import { readSystemViewServiceConfig } from './system-view-config';

const logger = createLogger('system-view');

/** The system view as its own process (SYSTEM_VIEW_URL on the routers points here). */
async function start(): Promise<StartedService> {
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
  return { app, config, metrics, tracing, readyMessage: 'system view ready', release: () => screeningLimiter.close() };
}

serveUntilStopped(logger, start);
