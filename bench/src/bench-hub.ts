import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hub, freePort } from '@psea/devstack';
import { BENCH_SCREENING_LIMITS } from './scenarios';

/**
 * The NODE_ENV the bench's services run with: the caller's, else `production`, as the Dockerfile
 * deploys them. graphql-js's development-only checks were about 6 % of the sources' CPU and 2 % of
 * the gateway's (bench/results/gateway-cost.md), 12 % of a source's on a page of 100 (--cpu-prof):
 * figures measured without it would be of a hub nobody runs. Results record this value.
 */
export function benchNodeEnv(): string {
  return process.env['NODE_ENV'] ?? 'production';
}

/** A temporary state folder for a bench hub, which PostgreSQL's user can enter. */
export function benchStateDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `${prefix}-`));
  chmodSync(dir, 0o755);
  return dir;
}

/** What differs between the bench's hubs; everything else is the bench's one environment. */
export interface BenchHubOptions {
  /** The repository root whose services run (this one, a scaffolded copy, or an older build). */
  readonly rootDir: string;
  readonly stateDir: string;
  /** DATABASE_POOL_SIZE of every source. */
  readonly poolSize: number;
  /** More environment for every service; wins over the bench's (e.g. SOURCE_TIMEOUT_MS, or NODE_ENV). */
  readonly env?: Readonly<Record<string, string>>;
  /** Profile every service with --cpu-prof into this folder. */
  readonly cpuProfDir?: string;
  /** How long a service may take to start (a busy shared machine starts them slowly). */
  readonly startTimeoutMs?: number;
  /** The embedded PostgreSQL's max_connections (many sources need more than the default). */
  readonly postgresMaxConnections?: number;
  /**
   * The devstack that starts the hub: this build's by default; gateway-cost passes an older
   * build's, so that build's hub runs exactly as its own code starts it.
   */
  readonly devstack?: { readonly Hub: typeof Hub; freePort(): Promise<number> };
}

/**
 * The environment of every bench service: warnings only in the logs, no reference data (the
 * bench loads its own synthetic records), screening limits far above what a run sends (the
 * bench screens one subject thousands of times a minute), the pool size and NODE_ENV above.
 */
export function benchHubEnv(poolSize: number, extra: Readonly<Record<string, string>> = {}): Record<string, string> {
  return {
    NODE_ENV: benchNodeEnv(),
    LOG_LEVEL: 'warn',
    SEED_REFERENCE_DATA: 'never',
    DATABASE_POOL_SIZE: String(poolSize),
    SCREENING_RATE_PER_MINUTE: String(BENCH_SCREENING_LIMITS.perMinute),
    SCREENING_QUOTA_PER_DAY: String(BENCH_SCREENING_LIMITS.perDay),
    SCREENING_ALL_CALLERS_PER_MINUTE: String(BENCH_SCREENING_LIMITS.allCallersPerMinute),
    SCREENING_ALL_CALLERS_PER_DAY: String(BENCH_SCREENING_LIMITS.allCallersPerDay),
    ...extra,
  };
}

/** Starts a hub (embedded topology, gateway on a free port, PostgreSQL on another) as every bench mode measures it. */
export async function benchHub(options: BenchHubOptions): Promise<Hub> {
  const devstack = options.devstack ?? { Hub, freePort };
  return devstack.Hub.start({
    rootDir: options.rootDir,
    stateDir: options.stateDir,
    postgresPort: await devstack.freePort(),
    gatewayPort: 0,
    env: benchHubEnv(options.poolSize, options.env),
    ...(options.postgresMaxConnections !== undefined ? { postgresMaxConnections: options.postgresMaxConnections } : {}),
    ...(options.startTimeoutMs !== undefined ? { startTimeoutMs: options.startTimeoutMs } : {}),
    ...(options.cpuProfDir ? { execArgv: ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfDir}`] } : {}),
  });
}
