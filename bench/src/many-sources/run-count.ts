import { fork } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readScreeningKey } from '@psea/auth';
import { Role } from '@psea/contract';
import { type Hub, mintDevToken } from '@psea/devstack';
import { benchHub } from '../bench-hub';
import { FIRST_YEAR } from '../generate-csv';
import { loadSource } from '../load-source';
import { load, peakMemoryMiB, probe } from '../measure';
import { type CpuWindow, cpuWindow, hubProcesses } from '../source-cost/source-cpu';
import { ProcessIndex } from '../profile/process-index';
import { scenarios } from '../scenarios';
import type { SourcesCost, SourcesRun, SourcesScenarioResult } from './many-sources-report';
import { benchSourceTimeoutMs, isCompleteAnswer, settle } from './bench-conditions';
import { spreadRecords } from './spread-records';

/** The scenarios issue 14 asks about: statistics (a), the merged page (c), screening (d). */
export const MANY_SOURCES_SCENARIOS = ['a', 'c', 'd'];

/** How long the hub is left alone, loaded and settled, to measure what idle sources cost. */
const IDLE_SECONDS = 20;

/** CPU of one load window per unit of work: each source's per call it served, the gateway's per request. */
function sourcesCost(window: CpuWindow, sources: readonly string[], requests: number): SourcesCost {
  const calls = sources.reduce((sum, s) => sum + (window.calls[s] ?? 0), 0);
  const sourcesMs = sources.reduce((sum, s) => sum + (window.cpuMs[s] ?? 0), 0);
  return {
    sourceCalls: calls,
    sourceCpuMsPerCall: calls > 0 ? sourcesMs / calls : null,
    gatewayCpuMsPerRequest: requests > 0 ? (window.cpuMs['gateway'] ?? 0) / requests : null,
    sourcesCpuMsPerRequest: requests > 0 ? sourcesMs / requests : null,
  };
}

/** What one count's run needs: plain data, sent to the process that runs it. */
export interface CountOptions {
  readonly count: number;
  readonly totalRecords: number;
  readonly durationSeconds: number;
  readonly connections: number;
  readonly poolSize: number;
  readonly only?: readonly string[];
  readonly cpuProf?: string;
  readonly scaffoldSeconds: number;
}

/**
 * Runs one count in a process of the copy's own build: the hub checks that every registered
 * source is compiled into the contract it has loaded, and only the copy's contract has the
 * scaffolded ones (the sources list is compiled code, not configuration read at run time).
 */
export function runCountInCopy(dir: string, options: CountOptions, log: (line: string) => void): Promise<SourcesRun> {
  const child = fork(join(dir, 'bench', 'dist', 'many-sources', 'run-count.js'), [JSON.stringify(options)], {
    cwd: dir,
    stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) if (line) log(line);
  });
  return new Promise<SourcesRun>((ok, fail) => {
    let run: SourcesRun | undefined;
    child.on('message', (message: { run?: SourcesRun }) => (run = message.run));
    child.once('exit', (code) =>
      run && code === 0 ? ok(run) : fail(new Error(`the run of ${options.count} sources failed (exit code ${code})`)),
    );
  });
}

/**
 * Before measuring: the hub answers for every source with exactly the records it was given, so
 * the figures are those of `count` sources taking part, not of some failing fast.
 */
async function checkEverySourceCounted(hub: Hub, token: string, expected: ReadonlyMap<string, number>): Promise<void> {
  const data = (await probe(
    hub.gatewayUrl,
    { query: '{ allegationStatistics(groupBy: [SOURCE]) { rows { key { source } counts { allegations } } complete } }' },
    token,
  )) as {
    allegationStatistics: { complete: boolean; rows: Array<{ key: { source: string }; counts: { allegations: number } }> };
  };
  const got = new Map(data.allegationStatistics.rows.map((r) => [r.key.source, r.counts.allegations]));
  const wrong = [...expected].filter(([source, n]) => got.get(source) !== n);
  if (!data.allegationStatistics.complete || wrong.length > 0 || got.size !== expected.size) {
    throw new Error(
      `the hub does not count every source's records (complete: ${data.allegationStatistics.complete}; ` +
        `expected ${JSON.stringify(Object.fromEntries(expected))}, got ${JSON.stringify(Object.fromEntries(got))})`,
    );
  }
}

/** One count of sources, in the copy of the repository this file was built in. */
export async function runCount(rootDir: string, options: CountOptions): Promise<SourcesRun> {
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const { count } = options;
  const stateDir = join(rootDir, '.bench-state');
  const profileDir = options.cpuProf ? join(options.cpuProf, `sources-${count}`) : undefined;
  if (profileDir) mkdirSync(profileDir, { recursive: true });
  const hub = await benchHub({
    rootDir,
    stateDir,
    poolSize: options.poolSize,
    // Each source's pool, its cache listener and the ingest's connections, with room to spare.
    postgresMaxConnections: count * (options.poolSize + 3) + 20,
    // Every source starts at once, each building its schema and migrating: on two busy cores,
    // thirty did not all start within five minutes (load average 30).
    startTimeoutMs: 120_000 + count * 20_000,
    env: { SOURCE_TIMEOUT_MS: String(benchSourceTimeoutMs(count)) },
    ...(profileDir ? { cpuProfDir: profileDir } : {}),
  });
  const profiled = profileDir ? new ProcessIndex(profileDir) : undefined;
  try {
    const sources = [...hub.sources.values()].map((s) => s.registration);
    if (sources.length !== count) throw new Error(`the hub runs ${sources.length} sources, ${count} were scaffolded`);
    profiled?.add(hub.gateway.pid, 'gateway');
    for (const s of sources) profiled?.add(hub.source(s.name).process.pid, s.name);
    const spread = spreadRecords(options.totalRecords, sources.length);
    for (const [i, source] of sources.entries()) {
      await loadSource(hub, rootDir, source, spread[i] as number, 1000 + i, stateDir, log);
    }
    const token = await mintDevToken(hub.keys, { role: Role.COORDINATOR, subject: 'bench' });
    await checkEverySourceCounted(hub, token, new Map(sources.map((s, i) => [s.source as string, spread[i] as number])));
    const screeningKey = readScreeningKey(hub.keys.screeningKey);
    const wanted = options.only ?? MANY_SOURCES_SCENARIOS;
    const chosen = scenarios(FIRST_YEAR + 8, '5001234', screeningKey, sources[0]!).filter((s) => wanted.includes(s.id));
    const processes = hubProcesses(hub);
    const pids = processes.map((p) => p.pid);
    await settle(pids);
    // What the sources cost doing nothing: timers, pools, GC; on shared cores every one pays it.
    const idle = await cpuWindow(processes, () => new Promise((ok) => setTimeout(ok, IDLE_SECONDS * 1000)));
    const results: SourcesScenarioResult[] = [];
    for (const scenario of chosen) {
      await settle(pids);
      await probe(hub.gatewayUrl, scenario.gateway, token);
      const vary = scenario.vary;
      const run = () =>
        load(
          hub.gatewayUrl,
          scenario.gateway,
          token,
          options.connections,
          options.durationSeconds,
          vary ? (i) => vary.gateway(i) : undefined,
          isCompleteAnswer,
        );
      let hubResult: Awaited<ReturnType<typeof run>> | undefined;
      const measure = () => cpuWindow(processes, async () => (hubResult = await run()));
      const cpu = profiled ? await profiled.window(scenario.id, measure) : await measure();
      const done = hubResult as Awaited<ReturnType<typeof run>>;
      results.push({
        id: scenario.id,
        title: scenario.title,
        hub: done,
        cost: sourcesCost(
          cpu,
          sources.map((s) => s.name),
          done.requests,
        ),
      });
      log(
        `  ${count} sources, scenario ${scenario.id}: p50 ${done.p50} ms, p99 ${done.p99} ms, ${done.throughput} req/s, ` +
          `${done.incomplete ?? 0} incomplete`,
      );
    }
    const peak: Record<string, number | null> = { gateway: peakMemoryMiB(hub.gateway.pid) };
    for (const s of sources) peak[s.name] = peakMemoryMiB(hub.source(s.name).process.pid);
    return {
      sources: count,
      recordsPerSource: spread,
      poolSize: options.poolSize,
      scenarios: results,
      peakMemoryMiB: peak,
      scaffoldSeconds: options.scaffoldSeconds,
      sourceTimeoutMs: benchSourceTimeoutMs(count),
      idle: {
        seconds: IDLE_SECONDS,
        sourcesCores: sources.reduce((sum, s) => sum + (idle.cpuMs[s.name] ?? 0), 0) / 1000 / idle.seconds,
        gatewayCores: (idle.cpuMs['gateway'] ?? 0) / 1000 / idle.seconds,
      },
    };
  } finally {
    profiled?.write();
    await hub.stop();
  }
}

if (require.main === module) {
  runCount(resolve(__dirname, '..', '..', '..'), JSON.parse(process.argv[2] as string) as CountOptions).then(
    (run) => process.send?.({ run }, () => process.exit(0)),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}
