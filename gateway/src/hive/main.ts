import 'reflect-metadata';
import { ServiceMetrics, closeServer, createLogger, createManagementService, listen, startTracing } from '@psea/subgraph-kit';
import { createCallerAuthenticator, createGatewayTokenSigner, readPrivateKey, readPublicKey } from '@psea/auth';
import { ConfigError, OperatorError } from '@psea/contract';
import { readGatewayConfig } from '../config';
import { loadSupergraph } from '../supergraph';
import { createHiveGatewayApp } from './hive-gateway-app';

const logger = createLogger('gateway');

/**
 * Hive Gateway as the hub's router: the same configuration as the Apollo gateway (the same
 * environment variables and files), with the system view as its own service (SYSTEM_VIEW_URL).
 */
async function main(): Promise<void> {
  const config = readGatewayConfig(process.env);
  if (config.systemView.kind !== 'service') {
    throw new ConfigError('SYSTEM_VIEW_URL must be set: Hive Gateway calls the system view as its own service');
  }
  const signForSource = createGatewayTokenSigner(await readPrivateKey(config.gatewaySigningKeyFile));
  const authenticate = createCallerAuthenticator({
    issuer: config.auth.issuer,
    audience: config.auth.audience,
    maxTokenAgeSeconds: config.auth.maxTokenAgeSeconds,
    tokenType: config.auth.tokenType,
    key: 'jwksUrl' in config.auth.key ? config.auth.key : { publicKey: await readPublicKey(config.auth.key.publicKeyFile) },
  });
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
  });
  const url = await listen(app.http, config.port, config.host);
  const management = createManagementService(metrics, config.management.token);
  const managementUrl = await listen(management, config.management.port, config.management.host);
  logger.info({ url: `${url}/graphql`, metrics: `${managementUrl}/metrics`, engine: 'hive' }, 'gateway ready');
  process.send?.({ type: 'ready', url: `${url}/graphql`, metricsUrl: `${managementUrl}/metrics` });
  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    await closeServer(app.http);
    await closeServer(management);
    await app.stop();
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
