import type { PhaseRecord } from './recorder';

export interface MemorySample {
  readonly label: string;
  readonly at: string;
  readonly mib: Record<string, number | null>;
  readonly pids: Record<string, number | null>;
}

export interface SoakResult {
  readonly date: string;
  readonly machine: { cores: number; memoryGiB: number; node: string };
  readonly minutes: number;
  readonly measuredSeconds: number;
  readonly connections: number;
  readonly year: number;
  readonly sourceTimeoutMs: number;
  readonly known: Record<string, number>;
  readonly phases: PhaseRecord[];
  readonly memory: MemorySample[];
  readonly supervisor: string[];
  readonly ingest: { source: string; rows: number; seconds: number | null; outcome: string };
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0);
}

/** The phase as the results file keeps it: percentiles instead of every latency. */
export function phaseSummary(phase: PhaseRecord) {
  const { latencies, ...rest } = phase;
  return { ...rest, requests: latencies.length, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

const cell = (counts: Record<string, number>) =>
  Object.entries(counts)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k}: ${v}`)
    .join('; ') || '–';

/** Memory per process at the start and the end, and the largest seen; restarts are said. */
export function memoryRows(
  memory: readonly MemorySample[],
): Array<{ process: string; start: number | null; end: number | null; max: number | null; restarted: boolean }> {
  const first = memory[0];
  const last = memory[memory.length - 1];
  if (!first || !last) return [];
  return Object.keys(first.mib).map((name) => {
    const values = memory.map((m) => m.mib[name]).filter((v): v is number => typeof v === 'number');
    return {
      process: name,
      start: first.mib[name] ?? null,
      end: last.mib[name] ?? null,
      max: values.length ? Math.max(...values) : null,
      restarted: first.pids[name] !== last.pids[name],
    };
  });
}

export function soakMarkdown(result: SoakResult): string {
  const phases = result.phases.map(phaseSummary);
  const total = phases.reduce((s, p) => s + p.requests, 0);
  const sum = (k: keyof PhaseRecord['verdicts']) => phases.reduce((s, p) => s + p.verdicts[k], 0);
  const lines = [
    `# Soak and fault run: ${result.minutes} min`,
    '',
    `${result.date}, ${result.machine.cores} cores, ${result.machine.memoryGiB} GiB, Node ${result.machine.node}. ` +
      `\`npm run soak -- --minutes ${result.minutes}\`: ${result.connections} callers in a closed loop, each asking in turn ` +
      `for the ${result.year} statistics by source, the merged case page of ${result.year} (every record) and a screening ` +
      `that matches in two sources, as a coordinator, through the gateway, for ${Math.round(result.measuredSeconds)} s ` +
      `(after a warm-up that is not counted), while the faults below run one phase after another. ` +
      `The gateway's source timeout is ${result.sourceTimeoutMs / 1000} s. Every case record is SYNTHETIC (the reference dataset).`,
    '',
    `Every answer is checked against figures known in advance (${Object.entries(result.known)
      .map(([s, n]) => `${s} ${n}`)
      .join(', ')} allegations in ${result.year}): **exact**, or **partial** (\`complete: false\`, the figures exact for the ` +
      `sources that answered, each missing source named by a \`SOURCE_UNAVAILABLE\` error), or **wrong** (any other ` +
      `number, item or match), or **error** (no usable answer).`,
    '',
    `**${total.toLocaleString('en')} answers: ${sum('exact').toLocaleString('en')} exact, ${sum('partial').toLocaleString('en')} partial, ` +
      `${sum('wrong')} wrong, ${sum('error')} errors.**`,
    '',
    '| phase | what happened | answers | exact | partial (missing) | wrong | errors | p50 | p99 |',
    '| ----- | ------------- | ------- | ----- | ----------------- | ----- | ------ | --- | --- |',
    ...phases.map(
      (p) =>
        `| ${p.name} | ${p.description} | ${p.requests} | ${p.verdicts.exact} | ${p.verdicts.partial}${
          p.verdicts.partial ? ` (${cell(p.missing)})` : ''
        } | ${p.verdicts.wrong} | ${p.verdicts.error} | ${p.p50} ms | ${p.p99} ms |`,
    ),
    '',
    '## Errors by class',
    '',
    'Errors the answers carried (a `SOURCE_UNAVAILABLE` error comes with every partial answer; its reason class is the second word), and answers with no usable data.',
    '',
    '| phase | errors by class |',
    '| ----- | --------------- |',
    ...phases.map((p) => `| ${p.name} | ${cell(p.errorClasses)} |`),
    '',
    '## Memory (resident, MiB)',
    '',
    'Sampled every 5 s; start is after the warm-up. A process restarted by a fault is compared since its restart.',
    '',
    '| process | start | end | largest | restarted during the run |',
    '| ------- | ----- | --- | ------- | ------------------------ |',
    ...memoryRows(result.memory).map(
      (m) => `| ${m.process} | ${m.start ?? '–'} | ${m.end ?? '–'} | ${m.max ?? '–'} | ${m.restarted ? 'yes' : 'no'} |`,
    ),
    '',
    '## What the faults did',
    '',
    ...phases.flatMap((p) => (p.events.length ? [`- **${p.name}**: ${p.events.join('; ')}`] : [])),
    `- ingest: ${result.ingest.rows.toLocaleString('en')} records into ${result.ingest.source}, ${result.ingest.outcome}` +
      (result.ingest.seconds !== null ? ` in ${result.ingest.seconds.toFixed(1)} s` : ''),
    ...(result.supervisor.length ? ['', 'Supervisor lines:', '', ...result.supervisor.map((l) => `    ${l}`)] : []),
    ...(phases.some((p) => p.wrong.length)
      ? ['', '## Wrong answers', '', ...phases.flatMap((p) => p.wrong.map((w) => `- ${p.name}: ${w}`))]
      : []),
    '',
  ];
  return lines.join('\n');
}
