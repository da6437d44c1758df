import { KnownFigures, QUERIES, QueryKind, Verdict, judge } from './expectations';

/** What one phase of the soak saw. */
export interface PhaseRecord {
  readonly name: string;
  readonly description: string;
  startedAt: number;
  endedAt: number;
  readonly latencies: number[];
  readonly verdicts: Record<Verdict['kind'], number>;
  /** Errors by class: `HTTP 503`, `SOURCE_UNAVAILABLE agencies timeout`, `transport ...`. */
  readonly errorClasses: Record<string, number>;
  /** Incomplete answers by the sources they missed, e.g. `PEACEKEEPING`. */
  readonly missing: Record<string, number>;
  readonly wrong: string[];
  /** What the fault did and when, relative to the phase's start. */
  readonly events: string[];
  /**
   * What the gateway's log said about sources in this phase: `unavailable <source> <reason>
   * <cause>` (the system call's error, e.g. ECONNRESET), and `retried <source>`.
   */
  readonly causes: Record<string, number>;
}

function newPhase(name: string, description: string): PhaseRecord {
  return {
    name,
    description,
    startedAt: Date.now(),
    endedAt: 0,
    latencies: [],
    verdicts: { exact: 0, partial: 0, wrong: 0, error: 0 },
    errorClasses: {},
    missing: {},
    wrong: [],
    events: [],
    causes: {},
  };
}

const add = (counts: Record<string, number>, key: string) => (counts[key] = (counts[key] ?? 0) + 1);

/**
 * A fixed load (a closed loop of `connections` callers, statistics, case pages and screening in
 * turn) whose every answer is judged against the known figures, attributed to the phase in
 * which it was sent.
 */
export class Recorder {
  readonly phases: PhaseRecord[] = [];
  private running = false;
  private loops: Promise<void>[] = [];

  constructor(
    private readonly url: string,
    private readonly token: string,
    private readonly known: KnownFigures,
  ) {}

  get current(): PhaseRecord {
    const phase = this.phases[this.phases.length - 1];
    if (!phase) throw new Error('no phase started');
    return phase;
  }

  startPhase(name: string, description: string): PhaseRecord {
    if (this.phases.length > 0) this.current.endedAt = Date.now();
    const phase = newPhase(name, description);
    this.phases.push(phase);
    return phase;
  }

  event(text: string): void {
    const phase = this.current;
    phase.events.push(`+${((Date.now() - phase.startedAt) / 1000).toFixed(1)} s ${text}`);
  }

  /** Counts something the services logged, in the phase under way. */
  note(key: string): void {
    if (this.phases.length > 0) add(this.current.causes, key);
  }

  start(connections: number): void {
    this.running = true;
    const kinds = Object.keys(QUERIES) as QueryKind[];
    this.loops = Array.from({ length: connections }, async (_, worker) => {
      for (let i = worker; this.running; i++) await this.once(kinds[i % kinds.length] as QueryKind);
    });
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
    this.current.endedAt = Date.now();
  }

  private async once(kind: QueryKind): Promise<void> {
    const phase = this.current;
    const started = performance.now();
    let verdict: Verdict;
    let errors: Array<{ extensions?: Record<string, unknown> }> = [];
    try {
      const response = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token}` },
        body: JSON.stringify({ query: QUERIES[kind] }),
        signal: AbortSignal.timeout(30_000),
      });
      const answer = (await response.json()) as Parameters<typeof judge>[2];
      errors = answer.errors ?? [];
      verdict = judge(kind, response.status, answer, this.known);
    } catch (error) {
      verdict = { kind: 'error', errorClass: `transport ${(error as Error).name}` };
    }
    phase.latencies.push(performance.now() - started);
    phase.verdicts[verdict.kind]++;
    for (const e of errors) {
      const x = e.extensions ?? {};
      add(phase.errorClasses, [x['code'], x['source'], x['reason']].filter(Boolean).join(' '));
    }
    if (verdict.kind === 'error') add(phase.errorClasses, verdict.errorClass);
    if (verdict.kind === 'partial') add(phase.missing, verdict.missing.join('+'));
    if (verdict.kind === 'wrong' && phase.wrong.length < 20) phase.wrong.push(`${kind}: ${verdict.detail}`);
  }
}
