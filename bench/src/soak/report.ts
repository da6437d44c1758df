import { HeapSample, heapLives, noiseMiB } from './heap';
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
  /** Heap after a forced full GC per service: at each phase's start and every minute. */
  readonly heap: HeapSample[];
  /** Heap snapshots written (`--heap-snapshots`), to compare by constructor. */
  readonly snapshots: string[];
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
    '## What the gateway logged about the sources',
    '',
    'Each call to a source the gateway counted as missing, with its cause (the system error or the kind of failure, ' +
      'from the gateway log, never in an answer), and each call sent again because its pooled connection had just been ' +
      'closed by the source (`retried`).',
    '',
    '| phase | causes |',
    '| ----- | ------ |',
    ...phases.map((p) => `| ${p.name} | ${cell(p.causes ?? {})} |`),
    '',
    ...heapSection(result),
    '## Memory (resident, MiB)',
    '',
    'Resident memory (RSS) as the kernel counts it, sampled every 5 s; start is after the warm-up. A process restarted ' +
      'by a fault is compared since its restart. RSS includes heap pages V8 keeps after collecting them and the ' +
      "allocator's free lists, so it rises while the heap grows to its working size and does not fall back: it is not " +
      'by itself a measure of a leak (the heap after GC above is).',
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

/** The heap after a forced full GC: each life of each process, its verdict, and the curve. */
function heapSection(result: SoakResult): string[] {
  if (!result.heap.length) return [];
  const lives = heapLives(result.heap);
  const names = [...new Set(result.heap.flatMap((s) => Object.keys(s.processes)))];
  const value = (sample: HeapSample, name: string) => {
    const entry = sample.processes[name];
    return entry ? `${entry.heapMiB.toFixed(1)} (${entry.pid})` : '–';
  };
  const boundaries = result.heap.filter((s, i) => i === 0 || i === result.heap.length - 1 || / starts$/.test(s.label));
  return [
    '## Memory after a forced GC (JS heap, MiB)',
    '',
    'How it was measured: every service runs with `--expose-gc`; at the start of each phase and every minute the soak ' +
      'asks each one, over the IPC channel of the process that started it (nothing on any network listener), to run a ' +
      'full garbage collection twice and report `process.memoryUsage()`. What is left on the heap after that is what the ' +
      'process holds; a leak is something that keeps growing there.',
    '',
    '**Flat** means: over the second half of a process life (from the sample closest to its half-way point to its ' +
      'last sample) the heap after GC grows by no more than the noise, 2 MiB or 5 % of the heap, whichever is larger. The ' +
      'first half is not judged, since caches, pools, compiled code and the query planner fill up to their bounds at ' +
      'first. A restart starts a new life; a life shorter than 4 minutes is not judged.',
    '',
    '| process | pid | from | to | samples | start | half-way | end | peak | second half | verdict |',
    '| ------- | --- | ---- | -- | ------- | ----- | -------- | --- | ---- | ----------- | ------- |',
    ...lives.map(
      (l) =>
        `| ${l.process} | ${l.pid} | ${minutes(l.fromSeconds)} | ${minutes(l.toSeconds)} | ${l.samples} | ${l.start.toFixed(1)} | ` +
        `${l.half.toFixed(1)} | ${l.end.toFixed(1)} | ${l.peak.toFixed(1)} | ${signed(l.end - l.half)} (noise ${noiseMiB(l.half).toFixed(1)}) | ${l.verdict} |`,
    ),
    '',
    'The curve, at each phase boundary (heap after GC in MiB, pid in brackets):',
    '',
    `| moment | min | ${names.join(' | ')} |`,
    `| ------ | --- | ${names.map(() => '---').join(' | ')} |`,
    ...boundaries.map((s) => `| ${s.label} | ${minutes(s.atSeconds)} | ${names.map((n) => value(s, n)).join(' | ')} |`),
    '',
    ...(result.snapshots.length ? ['Heap snapshots written:', '', ...result.snapshots.map((f) => `    ${f}`), ''] : []),
  ];
}

const minutes = (seconds: number) => (seconds / 60).toFixed(1);
const signed = (n: number) => `${n >= 0 ? '+' : ''}${n.toFixed(1)}`;
