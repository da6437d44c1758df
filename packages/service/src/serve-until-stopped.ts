import type { Server } from 'node:http';
import { OperatorError } from '@psea/contract';
import { closeServer, listen } from './http/http-service';
import { type ManagementConfig, createManagementService } from './http/management';
import type { Logger } from './logger';
import { answerMemoryProbes } from './memory-probe';
import type { ServiceMetrics } from './metrics';
import type { Tracing } from './tracing/tracing';

/** A service built and ready to listen: what `serveUntilStopped` needs to run and stop it. */
export interface StartedService {
  /** The callers' listener, not yet listening, and how to stop what serves on it. */
  readonly app: { readonly http: Server; stop(): Promise<void> };
  /** Where it listens, and where /metrics is served (never on the callers' listener). */
  readonly config: { readonly port: number; readonly host: string; readonly management: ManagementConfig };
  readonly metrics: ServiceMetrics;
  readonly tracing: Tracing;
  /** The ready log line, e.g. 'gateway ready', and any field it adds to the addresses. */
  readonly readyMessage: string;
  readonly readyFields?: Readonly<Record<string, unknown>>;
  /** Releases what else the service holds (pools, limiter), once the app has stopped. */
  readonly release?: () => Promise<void>;
}

/**
 * Runs a service as a process, the same way for every service: builds it with `start`, listens
 * on its port and on its management port, says it is ready (a log line, and
 * `{ type: 'ready', url, metricsUrl }` to a parent process, which the dev stack and the tests
 * wait for), answers a parent's memory probes, and on SIGINT, SIGTERM or the parent's going
 * stops once: both listeners closed first (in-flight requests finish), then the app, then what
 * else it holds, then the trace exporter. A start that fails ends the process: an OperatorError as its message alone
 * with its exit code (an operator's mistake, no stack), anything else as 'could not start', 1.
 */
export function serveUntilStopped(logger: Logger, start: () => Promise<StartedService>): void {
  run(logger, start).catch((error: unknown) => {
    if (error instanceof OperatorError) {
      logger.fatal(error.message);
      process.exit(error.exitCode);
    }
    logger.fatal({ err: error }, 'could not start');
    process.exit(1);
  });
}

async function run(logger: Logger, start: () => Promise<StartedService>): Promise<void> {
  const service = await start();
  const { app, config } = service;
  const url = await listen(app.http, config.port, config.host);
  const management = createManagementService(service.metrics, config.management.token);
  const managementUrl = await listen(management, config.management.port, config.management.host);
  logger.info({ url: `${url}/graphql`, metrics: `${managementUrl}/metrics`, ...service.readyFields }, service.readyMessage);
  process.send?.({ type: 'ready', url: `${url}/graphql`, metricsUrl: `${managementUrl}/metrics` });
  answerMemoryProbes();

  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    try {
      await closeServer(app.http);
      await closeServer(management);
      await app.stop();
      await service.release?.();
    } catch (error) {
      logger.error({ err: error }, 'stop failed');
      process.exit(1);
    }
    await service.tracing.shutdown().catch(() => undefined);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('disconnect', () => void stop('parent gone'));
}
