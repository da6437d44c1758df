import { join } from 'node:path';
import { ServiceProcess } from './service-process';

/**
 * How the routing tier is laid out: Apollo Gateway with the system view in its process (the
 * default), Apollo Gateway calling the system view as its own service, or Hive Gateway calling
 * that service (a second federation engine on the same supergraph).
 */
export type Topology = 'embedded' | 'split' | 'hive' | 'hive-rust';

/**
 * The topologies `npm start` offers and the suites prove. `hive-rust` (Hive Gateway with the Rust
 * query planner) is left out: it fails part of the system-view suite (docs/architecture.md), and
 * is started only when asked for by name (TOPOLOGY=hive-rust, to reproduce that).
 */
export const TOPOLOGIES: readonly Topology[] = ['embedded', 'split', 'hive'];

/** Hive Gateway's topologies: the same process, with its JavaScript or its Rust query planner. */
function isHive(topology: Topology): boolean {
  return topology === 'hive' || topology === 'hive-rust';
}

/** What a routing tier is started with, whatever its topology. */
export interface RoutingOptions {
  readonly rootDir: string;
  /** The router's environment (keys, limits); split, the screening key is taken out of it. */
  readonly env: Record<string, string>;
  /** The system view's own service's environment (split and hive topologies). */
  readonly systemViewEnv: Record<string, string>;
  readonly gatewayPort: number;
  readonly log: (service: string, line: string) => void;
  readonly startTimeoutMs?: number;
  readonly execArgv?: readonly string[];
}

/**
 * The routers callers talk to and, split, the system view's own service: one topology over the
 * hub's running sources. Replaced as a whole when the hub changes topology.
 */
export class RoutingTier {
  readonly gateway: ServiceProcess;
  readonly systemView: ServiceProcess | undefined;
  /** Further routers of the same topology (replicas), started by `addReplica`. */
  readonly replicas: ServiceProcess[] = [];
  /** System-view services of their own that replicas were started with. */
  private readonly replicaSystemViews: ServiceProcess[] = [];
  /** What every router of this tier is started with besides its port. */
  private readonly routerEnv: Record<string, string> = {};

  constructor(
    readonly topology: Topology,
    private readonly options: RoutingOptions,
  ) {
    const split = topology !== 'embedded';
    // Split, the screening key stays with the system view: the router never holds it.
    const routerEnv = { ...options.env };
    if (split) delete routerEnv['SCREENING_KEY_FILE'];
    if (topology === 'hive-rust') routerEnv['HIVE_QUERY_PLANNER'] = 'rust';
    const gatewayScript = isHive(topology) ? join('gateway', 'dist', 'hive', 'main.js') : join('gateway', 'dist', 'main.js');
    this.gateway = new ServiceProcess({
      name: 'gateway',
      script: join(options.rootDir, gatewayScript),
      env: routerEnv,
      log: options.log,
      ...this.timeout(),
    });
    this.systemView = split
      ? new ServiceProcess({
          name: 'system-view',
          script: join(options.rootDir, 'gateway', 'dist', 'system-view-service', 'main.js'),
          env: options.systemViewEnv,
          log: options.log,
          ...this.timeout(),
        })
      : undefined;
  }

  /** Starts the system view's service (split) then the router, over the sources at `sourceUrls`. */
  async start(sourceUrls: Readonly<Record<string, string>>): Promise<void> {
    const systemViewUrl: Record<string, string> = this.systemView
      ? { SYSTEM_VIEW_URL: await this.systemView.start({ ...sourceUrls, PORT: '0' }) }
      : {};
    Object.assign(this.routerEnv, sourceUrls, systemViewUrl, { HOST: '127.0.0.1' });
    await this.gateway.start({ ...this.routerEnv, PORT: String(this.options.gatewayPort) });
  }

  /**
   * Starts one more router of this topology on a free port, over the same sources: a replica, as
   * a deployment behind a balancer runs. Split, it calls the same system-view service, or with
   * `ownSystemView` one of its own, so that nothing but the shared limiter store
   * (RATE_LIMIT_DATABASE_URL) links the replicas.
   */
  async addReplica(options: { readonly ownSystemView?: boolean } = {}): Promise<ServiceProcess> {
    const number = this.replicas.length + 2;
    const env = { ...this.routerEnv };
    if (options.ownSystemView) {
      if (!this.systemView) throw new Error(`the ${this.topology} topology runs no system-view service`);
      const systemView = new ServiceProcess({
        name: `system-view-${number}`,
        script: this.systemView.script,
        env: this.systemView.env,
        log: this.options.log,
        ...this.timeout(),
      });
      this.replicaSystemViews.push(systemView);
      const sources = Object.fromEntries(Object.entries(this.routerEnv).filter(([name]) => name !== 'SYSTEM_VIEW_URL'));
      env['SYSTEM_VIEW_URL'] = await systemView.start({ ...sources, PORT: '0' });
    }
    const replica = new ServiceProcess({
      name: `gateway-${number}`,
      script: this.gateway.script,
      env: this.gateway.env,
      log: this.options.log,
      ...this.timeout(),
    });
    this.replicas.push(replica);
    await replica.start({ ...env, PORT: '0' });
    return replica;
  }

  /** Stops the replicas, the router, then the system view's service. */
  async stop(): Promise<void> {
    await Promise.all(this.replicas.map((r) => r.stop()));
    await Promise.all(this.replicaSystemViews.map((s) => s.stop()));
    await this.gateway.stop();
    await this.systemView?.stop();
  }

  /** What every process of the tier starts with besides its script and environment. */
  private timeout(): { startTimeoutMs?: number; execArgv?: readonly string[] } {
    return {
      ...(this.options.startTimeoutMs ? { startTimeoutMs: this.options.startTimeoutMs } : {}),
      ...(this.options.execArgv ? { execArgv: this.options.execArgv } : {}),
    };
  }
}
