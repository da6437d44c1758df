import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DevTokenOptions, Hub, HubOptions, TOPOLOGIES, Topology, freePort, mintDevToken } from '@psea/devstack';
import { Role } from '@psea/contract';

export const ROOT_DIR = resolve(__dirname, '..', '..');

export interface GraphQLResponse<T = Record<string, unknown>> {
  data?: T | null;
  errors?: Array<{ message: string; path?: string[]; extensions?: Record<string, unknown> }>;
}

export interface TestHub {
  readonly hub: Hub;
  readonly stateDir: string;
  /** A development token for a role. */
  token(options: DevTokenOptions): Promise<string>;
  /** A query as the coordinator, or with the given token. */
  gql<T = any>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GraphQLResponse<T>>;
  stop(): Promise<void>;
}

/** A state folder PostgreSQL's user can enter, removed by `stop()`. */
export function makeStateDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'psea-test-'));
  chmodSync(dir, 0o755);
  return dir;
}

/** POSTs a GraphQL request over real HTTP. */
export async function postGraphQL<T>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  token?: string,
): Promise<GraphQLResponse<T> & { status: number }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { ...((await response.json()) as GraphQLResponse<T>), status: response.status };
}

/** The whole hub on free ports over a fresh embedded PostgreSQL, as `npm start` runs it. */
export async function startTestHub(
  options: {
    env?: Record<string, string>;
    stateDir?: string;
    keepState?: boolean;
    supervise?: HubOptions['supervise'];
    /** The routing tier to start with (default `embedded`); `hub.useTopology` swaps it. */
    topology?: Topology;
    /** Screening counters in a database replicas share (RATE_LIMIT_DATABASE_URL). */
    sharedLimiterStore?: boolean;
    /** Every line each service prints (JSON log lines), as `npm start` would show them. */
    log?: HubOptions['log'];
  } = {},
): Promise<TestHub> {
  const stateDir = options.stateDir ?? makeStateDir();
  const hub = await Hub.start({
    rootDir: ROOT_DIR,
    stateDir,
    postgresPort: await freePort(),
    gatewayPort: 0,
    env: { LOG_LEVEL: 'error', ...(options.env ?? {}) },
    ...(options.topology ? { topology: options.topology } : {}),
    ...(options.sharedLimiterStore ? { sharedLimiterStore: true } : {}),
    ...(options.supervise ? { supervise: options.supervise } : {}),
    ...(options.log ? { log: options.log } : {}),
  });
  const coordinator = await mintDevToken(hub.keys, { role: Role.COORDINATOR, subject: 'test-coordinator' });
  return {
    hub,
    stateDir,
    token: (tokenOptions) => mintDevToken(hub.keys, tokenOptions),
    gql: (query, variables, token) => postGraphQL(hub.gatewayUrl, query, variables, token ?? coordinator),
    stop: async () => {
      await hub.stop();
      if (!options.keepState) rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

/**
 * The value of a Prometheus counter on a service (its `process.metricsUrl`, on the management
 * listener), summed over label sets matching `labels`.
 */
export async function counter(metricsUrl: string, name: string, labels: Record<string, string> = {}): Promise<number> {
  const text = await (await fetch(metricsUrl)).text();
  let total = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`))) total += Number(line.split(' ').pop());
  }
  return total;
}

/**
 * The routing tiers the end-to-end suites run against: Apollo Gateway with the system view in
 * its process, Apollo Gateway with the system view as its own service, and Hive Gateway with
 * that service. `TOPOLOGY=split` (say) narrows a run to one of them; `TOPOLOGY=hive-rust` runs Hive
 * Gateway with its Rust planner, which is not among them (docs/architecture.md says what fails).
 */
export const TEST_TOPOLOGIES: readonly Topology[] = process.env['TOPOLOGY']
  ? [...TOPOLOGIES, 'hive-rust' as const].filter((t) => t === process.env['TOPOLOGY'])
  : TOPOLOGIES;
