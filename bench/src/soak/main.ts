import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Role } from '@psea/contract';
import { Hub, freePort, mintDevToken } from '@psea/devstack';
import { SOAK_YEAR, knownFigures } from './expectations';
import { HeapSample, heapEntry } from './heap';
import { rssMiB, treeRssMiB } from './memory';
import { SOURCE_TIMEOUT_MS, soakPhases } from './phases';
import { Recorder } from './recorder';
import { MemorySample, SoakResult, phaseSummary, soakMarkdown } from './report';

const ROOT = resolve(__dirname, '..', '..', '..');
const log = (line: string) => process.stderr.write(`${line}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      minutes: { type: 'string', default: '10' },
      connections: { type: 'string', default: '6' },
      'ingest-rows': { type: 'string', default: '20000' },
      out: { type: 'string', default: join(ROOT, 'bench', 'results') },
      // Where to write V8 heap snapshots of every service at the start and before the rolling
      // restart (large files: compare them with bench/dist/soak/heap-diff.js). None by default.
      'heap-snapshots': { type: 'string' },
    },
  });
  const minutes = Number(values.minutes);
  const connections = Number(values.connections);
  const ingestRows = Number(values['ingest-rows']);
  if (!(minutes > 0)) throw new Error('--minutes must be a positive number');
  if (!Number.isInteger(connections) || connections < 1) throw new Error('--connections must be a whole number of at least 1');
  if (!Number.isInteger(ingestRows) || ingestRows < 1) throw new Error('--ingest-rows must be a whole number of at least 1');

  const snapshotDir = values['heap-snapshots'] ? resolve(values['heap-snapshots']) : undefined;
  if (snapshotDir) mkdirSync(snapshotDir, { recursive: true });
  const stateDir = mkdtempSync(join(tmpdir(), 'psea-soak-'));
  chmodSync(stateDir, 0o755);
  const supervisorLines: string[] = [];
  // What the services log about sources, counted in the phase under way (set once the load runs).
  let noteLog: (service: string, line: string) => void = () => undefined;
  log(`soak for ${minutes} min at ${connections} connections (state in ${stateDir})`);
  const hub = await Hub.start({
    rootDir: ROOT,
    stateDir,
    postgresPort: await freePort(),
    gatewayPort: 0,
    // The machine may be shared: a service starting under heavy load takes more than the usual minute.
    startTimeoutMs: 180_000,
    log: (service, line) => noteLog(service, line),
    env: {
      // A forced full GC before each memory sample tells what is held from what is garbage.
      NODE_OPTIONS: [process.env['NODE_OPTIONS'], '--expose-gc'].filter(Boolean).join(' '),
      LOG_LEVEL: 'warn',
      // Every listener on a free port: a source restarted on its port would otherwise put its
      // management listener on that port + 5400, which another process may hold.
      MANAGEMENT_PORT: '0',
      SOURCE_TIMEOUT_MS: String(SOURCE_TIMEOUT_MS),
      // The soak's one caller screens far more than a person would: lift the per-caller limits.
      SCREENING_RATE_PER_MINUTE: '100000',
      SCREENING_QUOTA_PER_DAY: '10000000',
      SCREENING_ALL_CALLERS_PER_MINUTE: '10000000',
      SCREENING_ALL_CALLERS_PER_DAY: '100000000',
    },
    supervise: {
      announce: (line) => {
        supervisorLines.push(line);
        log(`[supervisor] ${line}`);
      },
    },
  });
  try {
    const sources = [...hub.sources.values()].map((s) => s.registration);
    const known = knownFigures(sources.map((s) => s.source));
    const token = await mintDevToken(hub.keys, { role: Role.COORDINATOR, subject: 'soak' });
    const recorder = new Recorder(hub.gatewayUrl, token, known);
    noteLog = (service, line) => {
      if (service !== 'gateway' || !line.includes('"source"')) return;
      try {
        const entry = JSON.parse(line) as { msg?: string; source?: string; reason?: string; cause?: string };
        if (entry.msg === 'source unavailable') {
          recorder.note(['unavailable', entry.source, entry.reason, entry.cause].filter(Boolean).join(' '));
        } else if (entry.msg?.includes('sent again')) {
          recorder.note(`retried ${entry.source}`);
        }
      } catch {
        // not a JSON log line
      }
    };

    const memory: MemorySample[] = [];
    const sampleMemory = (label: string) => {
      const sample: MemorySample = { label, at: new Date().toISOString(), mib: {}, pids: {} };
      sample.mib['gateway'] = rssMiB(hub.gateway.pid);
      sample.pids['gateway'] = hub.gateway.pid ?? null;
      for (const s of hub.sources.values()) {
        sample.mib[s.registration.name] = rssMiB(s.process.pid);
        sample.pids[s.registration.name] = s.process.pid ?? null;
      }
      sample.mib['PostgreSQL (all processes)'] = treeRssMiB(hub.cluster?.pid);
      sample.pids['PostgreSQL (all processes)'] = hub.cluster?.pid ?? null;
      memory.push(sample);
    };
    const heap: HeapSample[] = [];
    let measuredFrom = Date.now();
    let lastHeap = Date.now();
    const services = () => [
      { name: 'gateway', process: hub.gateway },
      ...[...hub.sources.values()].map((s) => ({ name: s.registration.name, process: s.process })),
    ];
    const sampleHeap = async (label: string) => {
      const processes: HeapSample['processes'] = {};
      for (const { name, process: service } of services()) {
        processes[name] = heapEntry(service.pid, await service.memory());
      }
      heap.push({ label, atSeconds: Math.round((Date.now() - measuredFrom) / 1000), processes });
      lastHeap = Date.now();
    };
    const snapshots: string[] = [];
    const snapshotAll = async (label: string) => {
      if (!snapshotDir) return;
      recorder.startPhase(`heap snapshots (${label})`, 'not counted');
      for (const { name, process: service } of services()) {
        const file = await service.writeHeapSnapshot(join(snapshotDir, `${label}-${name}-${service.pid}.heapsnapshot`));
        snapshots.push(file ?? `${label} ${name}: not written`);
        log(`heap snapshot ${file ?? 'not written'}`);
      }
      // Let the answers delayed by the pause come back before counting again.
      await sleep(5000);
    };

    const { phases, outcome } = soakPhases({
      root: ROOT,
      hub,
      recorder,
      stateDir,
      ingestRows,
      sources: sources.map((s) => s.name) as [string, string, string],
    });
    const phaseMs = (minutes * 60_000) / phases.length;
    const started = Date.now();
    recorder.startPhase('warm-up', 'not counted');
    recorder.start(connections);
    await sleep(Math.min(10_000, phaseMs / 4));
    await snapshotAll('start');
    measuredFrom = Date.now();
    sampleMemory('start (after warm-up)');
    await sampleHeap('start (after warm-up)');
    const runs: Promise<void>[] = [];
    for (const phase of phases) {
      if (phase.name === 'rolling-restart') await snapshotAll('before-restarts');
      if (phase !== phases[0]) await sampleHeap(`${phase.name} starts`);
      const until = Date.now() + phaseMs;
      recorder.startPhase(phase.name, phase.description);
      log(`phase ${phase.name}: ${phase.description}`);
      if (phase.fault) {
        runs.push(
          phase.fault(until).catch((error: unknown) => {
            recorder.event(`fault failed: ${(error as Error).message}`);
          }),
        );
      }
      while (Date.now() < until) {
        await sleep(Math.min(5000, until - Date.now()));
        sampleMemory(phase.name);
        if (Date.now() - lastHeap >= 60_000) await sampleHeap(phase.name);
      }
    }
    await recorder.stop();
    await Promise.all(runs);
    sampleMemory('end');
    await sampleHeap('end');

    const result: SoakResult = {
      date: new Date().toISOString().slice(0, 10),
      machine: { cores: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
      minutes,
      measuredSeconds: (Date.now() - started) / 1000,
      connections,
      year: SOAK_YEAR,
      sourceTimeoutMs: SOURCE_TIMEOUT_MS,
      known: Object.fromEntries(known.allegations),
      phases: recorder.phases.filter((p) => p.description !== 'not counted'),
      memory,
      heap,
      snapshots,
      supervisor: supervisorLines,
      ingest: outcome.ingest,
    };
    mkdirSync(values.out as string, { recursive: true });
    const name = `soak-${minutes}min`;
    const kept = { ...result, phases: result.phases.map(phaseSummary) };
    writeFileSync(join(values.out as string, `${name}.json`), `${JSON.stringify(kept, null, 2)}\n`);
    writeFileSync(join(values.out as string, `${name}.md`), soakMarkdown(result));
    process.stdout.write(soakMarkdown(result));
    const wrong = result.phases.reduce((sum, p) => sum + p.verdicts.wrong, 0);
    if (wrong > 0) process.exitCode = 1;
  } finally {
    await hub.stop();
    rmSync(stateDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  log(`soak: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
