import 'reflect-metadata';
import {
  answerMemoryProbes,
  DEFAULT_SCREENING_LIMITS,
  ScreeningLimiter,
  ServiceMetrics,
  closeServer,
  createLogger,
  createManagementService,
  listen,
  localSdl,
  startTracing,
} from '@psea/subgraph-kit';
import { createCallerAuthenticator, createGatewayTokenSigner, readPrivateKey, readPublicKey, readScreeningKey } from '@psea/auth';
import { createGatewayApp } from './app';
import { OperatorError, loadSourceRegistry } from '@psea/contract';
import { DEFAULT_SOURCES_FILE, readGatewayConfig } from './config';
import { loadSupergraph } from './supergraph';
import { buildSystemViewSchema } from './system-view/system-view.schema';

const logger = createLogger('gateway');

/** `--print-sdl`: the system view's SDL for `psea compose`, from the sources file alone. */
async function printSdl(): Promise<void> {
  // Sources not yet compiled into the contract still get their @requires (psea check-subgraph).
  const file = process.env['SOURCES_FILE'] ?? DEFAULT_SOURCES_FILE;
  const sources = loadSourceRegistry(file);
  const screeningLimiter = await ScreeningLimiter.create(DEFAULT_SCREENING_LIMITS, { kind: 'memory' }, logger);
  const schema = await buildSystemViewSchema(sources, { screeningKey: Buffer.alloc(32), screeningLimiter });
  process.stdout.write(await localSdl(schema));
}

async function main(): Promise<void> {
  if (process.argv.includes('--print-sdl')) return printSdl();
  const config = readGatewayConfig(process.env);
  const signForSource = createGatewayTokenSigner(await readPrivateKey(config.gatewaySigningKeyFile));
  const authenticate = createCallerAuthenticator({
    issuer: config.auth.issuer,
    audience: config.auth.audience,
    maxTokenAgeSeconds: config.auth.maxTokenAgeSeconds,
    tokenType: config.auth.tokenType,
    key: 'jwksUrl' in config.auth.key ? config.auth.key : { publicKey: await readPublicKey(config.auth.key.publicKeyFile) },
  });
  // Embedded, screenings are counted here; split, by the system view's own service.
  const screeningLimiter =
    config.systemView.kind === 'embedded'
      ? await ScreeningLimiter.create(config.screeningLimits, config.limiterStore, logger)
      : undefined;
  const systemView =
    config.systemView.kind === 'embedded'
      ? {
          schema: await buildSystemViewSchema(config.sources, {
            screeningKey: readScreeningKey(config.systemView.screeningKeyFile),
            screeningLimiter: screeningLimiter as ScreeningLimiter,
            timelinessTargets: config.timelinessTargets,
          }),
        }
      : { url: config.systemView.url };
  const supergraphSdl = await loadSupergraph(config, systemView, logger, signForSource);
  const tracing = startTracing('gateway');
  const metrics = new ServiceMetrics('gateway');
  const app = await createGatewayApp({
    config,
    supergraphSdl,
    systemView,
    logger,
    metrics,
    authenticate,
    signForSource,
    tracing,
  });
  const url = await listen(app.http, config.port, config.host);
  const management = createManagementService(metrics, config.management.token);
  const managementUrl = await listen(management, config.management.port, config.management.host);
  logger.info({ url: `${url}/graphql`, metrics: `${managementUrl}/metrics` }, 'gateway ready');
  process.send?.({ type: 'ready', url: `${url}/graphql`, metricsUrl: `${managementUrl}/metrics` });
  answerMemoryProbes();
  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    await closeServer(app.http);
    await closeServer(management);
    await app.stop();
    await screeningLimiter?.close();
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
