import 'reflect-metadata';
import { ConfigError, ServiceMetrics, closeServer, createLogger, listen } from '@psea/subgraph-kit';
import { createCallerAuthenticator, createGatewayTokenSigner, readPrivateKey, readPublicKey, readScreeningKey } from '@psea/auth';
import { createGatewayApp } from './app';
import { CompositionError } from './composition/compose-supergraph';
import { readGatewayConfig } from './config';
import { loadSupergraph } from './supergraph';
import { buildSystemViewSchema } from './system-view/system-view.schema';

const logger = createLogger('gateway');

async function main(): Promise<void> {
  const config = readGatewayConfig(process.env);
  const signForSource = createGatewayTokenSigner(await readPrivateKey(config.gatewaySigningKeyFile));
  const authenticate = createCallerAuthenticator({
    issuer: config.auth.issuer,
    audience: config.auth.audience,
    key: 'jwksUrl' in config.auth.key ? config.auth.key : { publicKey: await readPublicKey(config.auth.key.publicKeyFile) },
  });
  const systemViewSchema = await buildSystemViewSchema(config.sources, {
    smallCellThreshold: config.smallCellThreshold,
    screeningKey: readScreeningKey(config.screeningKeyFile),
  });
  const supergraphSdl = await loadSupergraph(config, systemViewSchema, logger, signForSource);
  const app = await createGatewayApp({
    config,
    supergraphSdl,
    systemViewSchema,
    logger,
    metrics: new ServiceMetrics('gateway'),
    authenticate,
    signForSource,
  });
  const url = await listen(app.http, config.port, config.host);
  logger.info({ url: `${url}/graphql` }, 'gateway ready');
  process.send?.({ type: 'ready', url: `${url}/graphql` });
  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    await closeServer(app.http);
    await app.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  process.on('disconnect', () => void stop());
}

main().catch((error: unknown) => {
  if (error instanceof CompositionError) {
    logger.fatal(error.message);
    process.exit(3);
  }
  if (error instanceof ConfigError) {
    logger.fatal(error.message);
    process.exit(2);
  }
  logger.fatal({ err: error }, 'could not start');
  process.exit(1);
});
