import 'reflect-metadata';
import { DEFAULT_SCREENING_LIMITS, ScreeningLimiter } from '@psea/subgraph-kit';
import { type StartedService, ServiceMetrics, createLogger, serveUntilStopped, startTracing } from '@psea/service';
import { localSdl } from '@psea/composition';
import { createGatewayTokenSigner, readPrivateKey, readScreeningKey } from '@psea/auth';
import { createGatewayApp } from './app';
import { OperatorError, loadSourceRegistry } from '@psea/contract';
import { DEFAULT_SOURCES_FILE, readGatewayConfig } from './config';
import { loadSupergraph } from './supergraph';
import { buildSystemViewSchema } from './system-view/system-view.schema';
import { callerAuthenticator } from './http/caller-authenticator';

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

async function start(): Promise<StartedService> {
  const config = readGatewayConfig(process.env);
  const signForSource = createGatewayTokenSigner(await readPrivateKey(config.gatewaySigningKeyFile));
  const authenticate = await callerAuthenticator(config.auth);
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
  return { app, config, metrics, tracing, readyMessage: 'gateway ready', release: async () => screeningLimiter?.close() };
}

if (process.argv.includes('--print-sdl')) {
  printSdl().catch((error: unknown) => {
    if (error instanceof OperatorError) logger.fatal(error.message);
    else logger.fatal({ err: error }, 'could not print the SDL');
    process.exit(error instanceof OperatorError ? error.exitCode : 1);
  });
} else {
  serveUntilStopped(logger, start);
}
