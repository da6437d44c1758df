import { fork, ChildProcess } from 'node:child_process';
import type { MemoryProbeMessage, MemoryProbeReply, MemoryReport } from '@psea/service';

/** A service's log line, readable: pino's JSON reduced to its message and error message. */
export function readableLine(line: string): string {
  try {
    const entry = JSON.parse(line) as { msg?: string; err?: { message?: string } };
    return [entry.msg, entry.err?.message].filter(Boolean).join(': ') || line;
  } catch {
    return line;
  }
}

export interface ServiceProcessOptions {
  readonly name: string;
  readonly script: string;
  readonly env: Record<string, string>;
  readonly log: (name: string, line: string) => void;
  readonly startTimeoutMs?: number;
  /**
   * Node options for this process beyond the parent's, e.g. `--cpu-prof`, which Node refuses in
   * NODE_OPTIONS (exit code 9).
   */
  readonly execArgv?: readonly string[];
}

/**
 * A service of the hub run as its own Node process. It reports `{ type: 'ready', url }` over
 * IPC once it listens; until then its output is kept to explain a failed start.
 */
export class ServiceProcess {
  private child: ChildProcess | undefined;
  private readonly recent: string[] = [];
  private lastEnv: Record<string, string> = {};
  /** Children asked to stop: their exit is not a crash. */
  private readonly stopRequested = new WeakSet<ChildProcess>();
  url: string | undefined;
  /** Called when the running service exits without `stop()` having asked it to (a crash). */
  onUnexpectedExit: ((how: string) => void) | undefined;
  /** Its /metrics, on the management listener (loopback unless configured otherwise). */
  metricsUrl: string | undefined;

  constructor(private readonly options: ServiceProcessOptions) {}

  /** The script this process runs. */
  get script(): string {
    return this.options.script;
  }

  /** The environment it starts with (before per-start additions such as its port). */
  get env(): Readonly<Record<string, string>> {
    return this.options.env;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /**
   * Started with --cpu-prof: it writes its profile as it exits, which on a busy machine takes
   * many seconds per process (ten sources profiled at once were killed mid-write, no profile).
   */
  private get profiling(): boolean {
    return this.options.execArgv?.some((a) => a.startsWith('--cpu-prof')) ?? false;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  async start(extraEnv: Record<string, string> = {}): Promise<string> {
    const { name, script, log } = this.options;
    const child = fork(script, [], {
      env: { ...this.options.env, ...extraEnv },
      execArgv: [...process.execArgv, ...(this.options.execArgv ?? [])],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    this.child = child;
    const keep = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (!line) continue;
        this.recent.push(line);
        if (this.recent.length > 30) this.recent.shift();
        log(name, line);
      }
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`${name} did not start within ${this.options.startTimeoutMs ?? 60_000} ms:\n${this.recent.join('\n')}`));
      }, this.options.startTimeoutMs ?? 60_000);
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(
          new Error(
            `${name} exited while starting (code ${code}, signal ${signal}):\n${this.recent.map(readableLine).join('\n')}`,
          ),
        );
      });
      child.on('message', (message: { type?: string; url?: string; metricsUrl?: string }) => {
        if (message.type === 'ready' && message.url) {
          clearTimeout(timer);
          this.metricsUrl = message.metricsUrl;
          child.removeAllListeners('exit');
          child.once('exit', (code, signal) => {
            if (this.child === child && !this.stopRequested.has(child)) {
              this.onUnexpectedExit?.(signal ? `signal ${signal}` : `code ${code}`);
            }
          });
          resolve(message.url);
        }
      });
    });
    // A restart binds the same port, so whoever holds this URL finds the service again.
    this.lastEnv = { ...extraEnv, PORT: new URL(this.url).port };
    return this.url;
  }

  /** Starts the service again with the environment and port of its last start. */
  restart(): Promise<string> {
    return this.start(this.lastEnv);
  }

  /** Asks the service to stop (SIGTERM), then kills it if it has not stopped in time. */
  async stop(graceMs = this.profiling ? 120_000 : 10_000): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    this.stopRequested.add(child);
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill('SIGTERM');
    });
  }

  /**
   * The service's memory after a forced full GC (when it runs with --expose-gc; `gcForced` says),
   * asked over the IPC channel. Undefined when it is not running or does not answer in time.
   */
  async memory(timeoutMs = 10_000): Promise<MemoryReport | undefined> {
    const reply = await this.ask({ type: 'memory-probe', id: ++this.probeIds }, timeoutMs);
    return reply?.type === 'memory-report' ? reply.report : undefined;
  }

  /** Writes a V8 heap snapshot of the service (after a forced GC) to `file`; the file written, or undefined. */
  async writeHeapSnapshot(file: string, timeoutMs = 120_000): Promise<string | undefined> {
    const reply = await this.ask({ type: 'heap-snapshot', id: ++this.probeIds, file }, timeoutMs);
    return reply?.type === 'heap-snapshot-written' && reply.file ? reply.file : undefined;
  }

  private probeIds = 0;

  private ask(message: MemoryProbeMessage, timeoutMs: number): Promise<MemoryProbeReply | undefined> {
    const child = this.child;
    if (!child || !this.running || !child.connected) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      const done = (reply: MemoryProbeReply | undefined) => {
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(reply);
      };
      const onMessage = (reply: MemoryProbeReply) => {
        if (reply && typeof reply === 'object' && reply.id === message.id) done(reply);
      };
      const onExit = () => done(undefined);
      const timer = setTimeout(() => done(undefined), timeoutMs);
      child.on('message', onMessage);
      child.once('exit', onExit);
      child.send(message, (error) => {
        if (error) done(undefined);
      });
    });
  }

  /** Stops the service at once, as a crash would (a supervisor restarts it). */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }
}
