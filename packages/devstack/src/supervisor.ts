/** How a supervisor restarts what it watches. */
export interface RestartPolicy {
  /** Wait before the first restart; each further restart within the window waits twice as long. */
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  /** More crashes than this within `windowMs` and the supervisor gives up. */
  readonly maxRestarts: number;
  readonly windowMs: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicy = {
  initialDelayMs: 250,
  maxDelayMs: 15_000,
  maxRestarts: 5,
  windowMs: 60_000,
};

export interface SupervisorOptions {
  /** The service's name, as the lines say it. */
  readonly name: string;
  /** Starts the service again; rejects when it could not start. */
  readonly restart: () => Promise<void>;
  /** Where the supervisor's one-line messages go. */
  readonly announce: (line: string) => void;
  readonly policy?: RestartPolicy;
}

/**
 * Brings a crashed service back, with exponential backoff, saying so in one line each time,
 * and gives up (in one line) when it keeps crashing: a crash loop should stop, visibly, rather
 * than spin. A service stopped on purpose is not its business: only `crashed()` calls count.
 */
export class Supervisor {
  private readonly crashes: number[] = [];
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly policy: RestartPolicy;
  /** True once the service crashed too often: it stays down. */
  gaveUp = false;

  constructor(private readonly options: SupervisorOptions) {
    this.policy = options.policy ?? DEFAULT_RESTART_POLICY;
  }

  /** The service exited without being asked to; `how` says how (e.g. "signal SIGKILL"). */
  crashed(how: string): void {
    if (this.stopped || this.gaveUp) return;
    const now = Date.now();
    this.crashes.push(now);
    while (this.crashes.length > 0 && (this.crashes[0] as number) < now - this.policy.windowMs) this.crashes.shift();
    const { name, announce } = this.options;
    const seconds = Math.round(this.policy.windowMs / 1000);
    if (this.crashes.length > this.policy.maxRestarts) {
      this.gaveUp = true;
      announce(`${name} exited (${how}) ${this.crashes.length} times in ${seconds} s: giving up, it stays down`);
      return;
    }
    const delay = Math.min(this.policy.initialDelayMs * 2 ** (this.crashes.length - 1), this.policy.maxDelayMs);
    announce(
      `${name} exited (${how}): restarting in ${(delay / 1000).toFixed(1)} s (restart ${this.crashes.length} of at most ${this.policy.maxRestarts} in ${seconds} s)`,
    );
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.stopped) return;
      this.options.restart().catch((error: unknown) => {
        const first = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
        this.crashed(`could not start: ${first}`);
      });
    }, delay);
  }

  /** No more restarts: the hub is stopping. */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
