import type { LoadResult } from '../measure';
import type { BenchMachine } from '../bench-machine';

/** The target of issue 14: the hub at 30 sources no slower than 2× at 3, the same records in all. */
export const GROWTH_TARGET = { from: 3, to: 30, ratio: 2 } as const;

/**
 * CPU of a scenario's load window (from /proc), per unit of work: what one call costs a source
 * (all sources' CPU over the calls they served, counted by their own metrics), and what one hub
 * request costs the gateway and all sources together. On a shared machine this is the figure
 * contention distorts least.
 */
export interface SourcesCost {
  readonly sourceCalls: number;
  readonly sourceCpuMsPerCall: number | null;
  readonly gatewayCpuMsPerRequest: number | null;
  readonly sourcesCpuMsPerRequest: number | null;
}

/** One scenario through the hub at one count of sources. */
export interface SourcesScenarioResult {
  readonly id: string;
  readonly title: string;
  readonly hub: LoadResult;
  /** Absent in runs made before it was measured. */
  readonly cost?: SourcesCost;
}

/** One count of sources: how the records were spread, what the processes held, what the hub answered. */
export interface SourcesRun {
  readonly sources: number;
  /** Records per source, in registration order. */
  readonly recordsPerSource: readonly number[];
  /** PostgreSQL connections each source's pool may hold (DATABASE_POOL_SIZE). */
  readonly poolSize: number;
  readonly scenarios: readonly SourcesScenarioResult[];
  /** Peak resident memory (VmHWM) of each Node process: the gateway and every source. */
  readonly peakMemoryMiB: Readonly<Record<string, number | null>>;
  /** Seconds spent scaffolding, composing and building the extra sources. */
  readonly scaffoldSeconds: number;
  /** The gateway's SOURCE_TIMEOUT_MS in this run (bench-conditions.ts says why it grows with the sources). */
  readonly sourceTimeoutMs?: number;
  /** Cores the idle hub used, loaded and settled, before any scenario: all sources together, and the gateway. */
  readonly idle?: { readonly seconds: number; readonly sourcesCores: number; readonly gatewayCores: number };
}

export interface ManySourcesResult {
  readonly date: string;
  readonly machine: BenchMachine;
  readonly totalRecords: number;
  readonly connections: number;
  readonly durationSeconds: number;
  /** `uptime`'s load averages when the run began: a shared machine's figures are contention as much as the hub. */
  readonly loadAverage: readonly number[];
  readonly runs: readonly SourcesRun[];
}

const ms = (n: number) => `${n.toFixed(n < 10 ? 1 : 0)} ms`;
const fixed = (n: number | null) => (n === null ? '–' : n.toFixed(n < 10 ? 2 : 1));

/** p50 at the largest count over p50 at the smallest, per scenario id (null when either has none). */
export function growth(result: ManySourcesResult): Array<{ id: string; from: number; to: number; ratio: number | null }> {
  const runs = [...result.runs].sort((a, b) => a.sources - b.sources);
  const first = runs[0];
  const last = runs[runs.length - 1];
  if (!first || !last || first === last) return [];
  return first.scenarios.map((s) => {
    const other = last.scenarios.find((o) => o.id === s.id);
    // A window in which no request completed has no p50 (autocannon reports 0): no ratio either;
    // nor one in which answers missed a source, whose p50 would time failures.
    const whole = (l: LoadResult) => l.requests > 0 && l.errors === 0 && (l.incomplete ?? 0) === 0;
    const measured = other && whole(s.hub) && whole(other.hub) && s.hub.p50 > 0;
    return { id: s.id, from: first.sources, to: last.sources, ratio: measured ? other.hub.p50 / s.hub.p50 : null };
  });
}

/** Memory of a run's Node processes: the gateway, the sources' sum and the largest source. */
export function memorySummary(run: SourcesRun): { gateway: number | null; sourcesTotal: number; largestSource: number } {
  const sources = Object.entries(run.peakMemoryMiB)
    .filter(([name]) => name !== 'gateway')
    .map(([, v]) => v ?? 0);
  return {
    gateway: run.peakMemoryMiB['gateway'] ?? null,
    sourcesTotal: sources.reduce((a, b) => a + b, 0),
    largestSource: Math.max(0, ...sources),
  };
}

/** The results as Markdown: a table per count of sources, then how each scenario grew. */
export function manySourcesMarkdown(r: ManySourcesResult): string {
  const counts = r.runs.map((run) => run.sources);
  const lines = [
    `# Many sources: ${counts.join(', ')} sources, ${r.totalRecords.toLocaleString('en')} records in all`,
    '',
    `${r.date}; ${r.machine.cores} cores, ${r.machine.memoryGiB} GiB (${r.machine.cpu}), Node ${r.machine.node}; ` +
      (r.machine.nodeEnv ? `services with NODE_ENV=${r.machine.nodeEnv}; ` : '') +
      `load average ${r.loadAverage.map((l) => l.toFixed(2)).join(', ')} at the start; ` +
      `${r.connections} connections for ${r.durationSeconds} s per scenario (autocannon over loopback, through the hub). ` +
      `Reproduce: \`npm run bench -- --sources ${counts.join(',')} --scale ${r.totalRecords}\`. ` +
      'The repository’s three sources plus sources scaffolded by `psea new-subgraph`, each with its own database; ' +
      'the same total of records spread evenly across them. All records are synthetic.',
  ];
  for (const run of r.runs) {
    const memory = memorySummary(run);
    lines.push(
      '',
      `## ${run.sources} sources`,
      '',
      `${run.recordsPerSource[0]?.toLocaleString('en')} records per source` +
        `${new Set(run.recordsPerSource).size > 1 ? ' (some one more)' : ''}; pools of ${run.poolSize} connections; ` +
        `peak memory: gateway ${memory.gateway ?? '?'} MiB, sources ${memory.sourcesTotal} MiB in all ` +
        `(largest ${memory.largestSource} MiB); extra sources scaffolded and built in ${run.scaffoldSeconds.toFixed(0)} s.` +
        (run.sourceTimeoutMs ? ` The gateway's source timeout: ${(run.sourceTimeoutMs / 1000).toFixed(1)} s.` : '') +
        (run.idle
          ? ` Idle (loaded, no requests, ${run.idle.seconds} s): the sources used ${run.idle.sourcesCores.toFixed(3)} of a core in all, the gateway ${run.idle.gatewayCores.toFixed(3)}.`
          : ''),
      '',
      '| | scenario | p50 | p99 | req/s | errors | incomplete answers | CPU ms per source call | CPU ms per hub request: gateway, sources |',
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
      ...run.scenarios.map((s) => {
        const cost = s.cost
          ? `${fixed(s.cost.sourceCpuMsPerCall)} | ${fixed(s.cost.gatewayCpuMsPerRequest)}, ${fixed(s.cost.sourcesCpuMsPerRequest)}`
          : '– | –';
        const incomplete = s.hub.incomplete ?? '–';
        return s.hub.requests === 0
          ? `| ${s.id} | ${s.title} | none completed in ${r.durationSeconds} s | – | 0 | ${s.hub.errors} | ${incomplete} | ${cost} |`
          : `| ${s.id} | ${s.title} | ${ms(s.hub.p50)} | ${ms(s.hub.p99)} | ${s.hub.throughput.toFixed(0)} | ${s.hub.errors} | ${incomplete} | ${cost} |`;
      }),
    );
  }
  const grown = growth(r);
  if (grown.length > 0) {
    const first = grown[0] as { from: number; to: number };
    const judged = first.from === GROWTH_TARGET.from && first.to === GROWTH_TARGET.to;
    lines.push(
      '',
      '## Growth',
      '',
      `| | ${counts.map((c) => `p50 at ${c}`).join(' | ')} | ${first.to} vs ${first.from} |${judged ? ' target ≤ 2× |' : ''}`,
      `| --- |${counts.map(() => ' --- |').join('')} --- |${judged ? ' --- |' : ''}`,
      ...grown.map((g) => {
        const p50s = r.runs.map((run) => {
          const s = run.scenarios.find((o) => o.id === g.id);
          return s && s.hub.requests > 0 ? ms(s.hub.p50) : '–';
        });
        const ratio = g.ratio === null ? '–' : `${g.ratio.toFixed(2)}×`;
        const verdict =
          g.ratio === null
            ? '–'
            : g.ratio <= GROWTH_TARGET.ratio
              ? 'met'
              : `missed by ${(g.ratio / GROWTH_TARGET.ratio).toFixed(2)}×`;
        return `| ${g.id} | ${p50s.join(' | ')} | ${ratio} |${judged ? ` ${verdict} |` : ''}`;
      }),
    );
    if (grown.some((g) => g.ratio === null)) {
      lines.push('', 'No ratio (–) where a window completed no request, or had failed or incomplete answers.');
    }
    if (!judged) {
      lines.push(
        '',
        `The target (${GROWTH_TARGET.to} sources at most ${GROWTH_TARGET.ratio}× the p50 of ${GROWTH_TARGET.from}) is judged only on a run of both.`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}
