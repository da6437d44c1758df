import { join } from 'node:path';
import { databaseUrlVariable, sourceVariablePrefix } from '@psea/contract';
import type { DevKeys } from '@psea/auth';
import { GATEWAY_ONLY_VARIABLES, devKeys, keyEnvironment } from './dev-tokens';
import { EmbeddedCluster } from './postgres/embedded-cluster';
import { freePort } from './free-port';
import { registeredSources } from './registered-sources';
import { RoutingOptions, RoutingTier, Topology } from './routing-tier';
import type { ServiceProcess } from './service-process';
import { SourceService, prepareSourceService } from './source-service';
import { RestartPolicy, Supervisor } from './supervisor';

export { TOPOLOGIES } from './routing-tier';
export type { Topology } from './routing-tier';

export interface HubOptions {
  /** The routing tier's layout (default `embedded`). */
  readonly topology?: Topology;
  /**
   * Keep the screening counters in a database of the embedded cluster (RATE_LIMIT_DATABASE_URL),
   * as replicated routers must, so a caller's quota is global.
   */
  readonly sharedLimiterStore?: boolean;
  /** The repository root (services run from their compiled dist/). */
  readonly rootDir: string;
  /** Where the embedded PostgreSQL keeps its data (default `<rootDir>/.data`). */
  readonly stateDir?: string;
  readonly postgresPort: number;
  /** The embedded PostgreSQL's max_connections (default 100): many sources need more. */
  readonly postgresMaxConnections?: number;
  readonly gatewayPort: number;
  /** Port per source name; 0 or absent picks a free port. */
  readonly sourcePorts?: Readonly<Record<string, number>>;
  /** Extra environment for every service (e.g. SOURCE_TIMEOUT_MS, LOG_LEVEL). */
  readonly env?: Readonly<Record<string, string>>;
  readonly log?: (service: string, line: string) => void;
  /** How long a service may take to say it is ready (default 60 s; a loaded machine needs more). */
  readonly startTimeoutMs?: number;
  /**
   * Node options for every service the hub starts (sources, routers, the system view), such as
   * `['--cpu-prof', '--cpu-prof-dir=/tmp/profiles']`: Node refuses --cpu-prof in NODE_OPTIONS.
   */
  readonly execArgv?: readonly string[];
  /**
   * Restart a source, the gateway or PostgreSQL that crashes (as `npm start` does), with
   * backoff, announcing each restart and a give-up in one line. Off by default, so tests can
   * crash a service and watch it stay down.
   */
  readonly supervise?: boolean | { readonly policy?: RestartPolicy; readonly announce?: (line: string) => void };
}

/**
 * The whole hub on one machine: an embedded PostgreSQL with one database per source (unless
 * `<NAME>_DATABASE_URL` points a source elsewhere), each source subgraph as its own process,
 * and the gateway. Used by `npm start` and by the end-to-end tests alike.
 */
export class Hub {
  private readonly supervisors: Supervisor[] = [];

  private routing: RoutingTier | undefined;

  private constructor(
    readonly keys: DevKeys,
    readonly cluster: EmbeddedCluster | undefined,
    readonly sources: ReadonlyMap<string, SourceService>,
    private readonly routingOptions: RoutingOptions,
    private readonly defaultTopology: Topology,
  ) {}

  /** The router callers talk to (Apollo Gateway or Hive Gateway). */
  get gateway(): ServiceProcess {
    if (!this.routing) throw new Error('the routing tier is not running');
    return this.routing.gateway;
  }

  /** The system view's own service (split and hive topologies). */
  get systemView(): ServiceProcess | undefined {
    return this.routing?.systemView;
  }

  get topology(): Topology {
    return this.routing?.topology ?? this.defaultTopology;
  }

  /**
   * Replaces the routing tier (router, and the system view's service when split) by another
   * topology over the same sources and databases: end-to-end suites run once per topology
   * without starting PostgreSQL and the sources again.
   */
  async useTopology(topology: Topology): Promise<void> {
    await this.stopRoutingTier();
    const routing = new RoutingTier(topology, this.routingOptions);
    // Held before it starts, so a stop after a failed start stops what did start.
    this.routing = routing;
    await routing.start(
      Object.fromEntries(
        [...this.sources.values()].map((s) => [`${sourceVariablePrefix(s.registration.name)}_URL`, s.process.url as string]),
      ),
    );
  }

  /**
   * Starts one more router of the current topology on a free port (`RoutingTier.addReplica`):
   * split, over the same system-view service or, with `ownSystemView`, one of its own.
   */
  async addRouterReplica(options: { readonly ownSystemView?: boolean } = {}): Promise<ServiceProcess> {
    if (!this.routing) throw new Error('the routing tier is not running');
    return this.routing.addReplica(options);
  }

  private async stopRoutingTier(): Promise<void> {
    await this.routing?.stop();
  }

  /** Puts a service under a supervisor that restarts it when it crashes. */
  private supervise(
    name: string,
    target: { onUnexpectedExit: ((how: string) => void) | undefined },
    restart: () => Promise<unknown>,
    options: Exclude<HubOptions['supervise'], boolean | undefined>,
    log: (service: string, line: string) => void,
  ): void {
    const supervisor = new Supervisor({
      name,
      restart: async () => {
        await restart();
      },
      announce: options.announce ?? ((line) => log('supervisor', line)),
      ...(options.policy ? { policy: options.policy } : {}),
    });
    target.onUnexpectedExit = (how) => supervisor.crashed(how);
    this.supervisors.push(supervisor);
  }

  get gatewayUrl(): string {
    const url = this.routing?.gateway.url;
    if (!url) throw new Error('the gateway is not running');
    return url;
  }

  source(name: string): SourceService {
    const service = this.sources.get(name);
    if (!service) throw new Error(`no source named ${name}`);
    return service;
  }

  static async start(options: HubOptions): Promise<Hub> {
    const stateDir = options.stateDir ?? join(options.rootDir, '.data');
    const keys = await devKeys(stateDir);
    const keyEnv = keyEnvironment(keys);
    // Keys given in the environment win over the development ones.
    const base = { ...(process.env as Record<string, string>), ...(options.env ?? {}) };
    const env = { ...keyEnv.gateway, ...base };
    const sourceBase: Record<string, string> = { ...keyEnv.sources, ...base };
    for (const variable of GATEWAY_ONLY_VARIABLES) delete sourceBase[variable];
    const log = options.log ?? (() => undefined);
    const registrations = registeredSources(options.rootDir);
    const needsCluster = registrations.some((r) => !env[databaseUrlVariable(r.name)]);
    const cluster = needsCluster
      ? EmbeddedCluster.open({
          stateDir,
          port: options.postgresPort,
          log: (line) => log('postgres', line),
          ...(options.postgresMaxConnections ? { maxConnections: options.postgresMaxConnections } : {}),
        })
      : undefined;
    await cluster?.start();
    if (options.sharedLimiterStore) {
      if (!cluster) throw new Error('sharedLimiterStore needs the embedded cluster');
      const url = await cluster.ensureDatabase('psea_limits');
      env['RATE_LIMIT_DATABASE_URL'] = url;
    }
    const sources = new Map<string, SourceService>();
    const hub = new Hub(
      keys,
      cluster,
      sources,
      {
        rootDir: options.rootDir,
        env,
        // A source's environment (it verifies the routing tier) plus the screening key.
        systemViewEnv: {
          ...sourceBase,
          SCREENING_KEY_FILE: env['SCREENING_KEY_FILE'] as string,
          ...(env['RATE_LIMIT_DATABASE_URL'] ? { RATE_LIMIT_DATABASE_URL: env['RATE_LIMIT_DATABASE_URL'] } : {}),
          HOST: '127.0.0.1',
        },
        gatewayPort: options.gatewayPort,
        log,
        ...(options.startTimeoutMs ? { startTimeoutMs: options.startTimeoutMs } : {}),
        ...(options.execArgv ? { execArgv: options.execArgv } : {}),
      },
      options.topology ?? 'embedded',
    );
    try {
      for (const registration of registrations) {
        const service = await prepareSourceService(registration, {
          rootDir: options.rootDir,
          keys,
          cluster,
          env,
          base,
          sourceEnv: sourceBase,
          // A port of its own from the start (not listen(0)), so a restart finds it free (free-port.ts).
          port: options.sourcePorts?.[registration.name] || (await freePort()),
          log,
          ...(options.startTimeoutMs ? { startTimeoutMs: options.startTimeoutMs } : {}),
          ...(options.execArgv ? { execArgv: options.execArgv } : {}),
        });
        sources.set(registration.name, service);
      }
      await Promise.all([...sources.keys()].map((name) => hub.startSource(name)));
      await hub.useTopology(options.topology ?? 'embedded');
      if (options.supervise) {
        const supervision = options.supervise === true ? {} : options.supervise;
        if (cluster) hub.supervise('PostgreSQL', cluster, () => cluster.start(), supervision, log);
        for (const [name, source] of sources) {
          hub.supervise(name, source.process, () => source.process.restart(), supervision, log);
        }
        const systemView = hub.systemView;
        if (systemView) hub.supervise('system-view', systemView, () => systemView.restart(), supervision, log);
        hub.supervise('gateway', hub.gateway, () => hub.gateway.restart(), supervision, log);
      }
      return hub;
    } catch (error) {
      await hub.stop();
      throw error;
    }
  }

  /** Starts (or restarts) a source on the port it had, so the gateway finds it again. */
  async startSource(name: string): Promise<string> {
    const service = this.source(name);
    const url = await service.process.start({ PORT: String(service.port) });
    service.port = Number(new URL(url).port);
    return url;
  }

  /** Stops a source the way an operator would (SIGTERM). */
  stopSource(name: string): Promise<void> {
    return this.source(name).process.stop();
  }

  /** Stops a source the way a crash would (SIGKILL). */
  killSource(name: string): Promise<void> {
    return this.source(name).process.kill();
  }

  /** Stops the gateway, the sources, then PostgreSQL, keeping the data. */
  async stop(): Promise<void> {
    for (const supervisor of this.supervisors) supervisor.stop();
    await this.stopRoutingTier();
    await Promise.all([...this.sources.values()].map((s) => s.process.stop()));
    await this.cluster?.stop();
  }
}
