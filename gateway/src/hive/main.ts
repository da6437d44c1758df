import 'reflect-metadata';
import { type StartedService, ServiceMetrics, createLogger, serveUntilStopped, startTracing } from '@psea/service';
import { createGatewayTokenSigner, readPrivateKey } from '@psea/auth';
import { ConfigError } from '@psea/contract';
import { readGatewayConfig } from '../config';
import { loadSupergraph } from '../supergraph';
import { createHiveGatewayApp } from './hive-gateway-app';
import { readQueryPlanner } from './query-planner';
import { callerAuthenticator } from '../http/caller-authenticator';

const logger = createLogger('gateway');

/**
 * Hive Gateway as the hub's router: the same configuration as the Apollo gateway (the same
 * environment variables and files), with the system view as its own service (SYSTEM_VIEW_URL).
 */
async function start(): Promise<StartedService> {
  const config = readGatewayConfig(process.env);
  const queryPlanner = readQueryPlanner(process.env);
  if (config.systemView.kind !== 'service') {
    throw new ConfigError('SYSTEM_VIEW_URL must be set: Hive Gateway calls the system view as its own service');
  }
  const signForSource = createGatewayTokenSigner(await readPrivateKey(config.gatewaySigningKeyFile));
  const authenticate = await callerAuthenticator(config.auth);
  const systemViewUrl = config.systemView.url;
  const supergraphSdl = await loadSupergraph(config, { url: systemViewUrl }, logger, signForSource);
  const tracing = startTracing('gateway');
  const metrics = new ServiceMetrics('gateway');
  const app = await createHiveGatewayApp({
    config,
    supergraphSdl,
    systemViewUrl,
    logger,
    metrics,
    authenticate,
    signForSource,
    tracing,
    queryPlanner,
  });
  return { app, config, metrics, tracing, readyMessage: 'gateway ready', readyFields: { engine: 'hive', queryPlanner } };
}

serveUntilStopped(logger, start);
