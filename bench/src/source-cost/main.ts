import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { readScreeningKey } from '@psea/auth';
import { Role } from '@psea/contract';
import { mintDevToken } from '@psea/devstack';
import { benchHub, benchNodeEnv, benchStateDir } from '../bench-hub';
import { FIRST_YEAR } from '../generate-csv';
import { loadSources } from '../load-sources';
import { graphqlTarget, probe } from '../measure';
import { ProcessIndex } from '../profile/process-index';
import { Request, scenarios } from '../scenarios';
import { CpuWindow, cpuWindow, hubProcesses } from './source-cpu';

const ROOT = resolve(__dirname, '..', '..', '..');
const log = (line: string) => process.stderr.write(`${line}\n`);

/** Sends exactly `amount` requests through the hub, `connections` at a time; fails on any error. */
async function send(url: string, request: Request, token: string, amount: number, connections: number): Promise<void> {
  const result = await autocannon({
    ...graphqlTarget(url, request, token),
    connections,
    amount,
  });
  const failed = result.errors + result.timeouts + result.non2xx;
  if (failed > 0 || result.requests.total < amount) {
    throw new Error(`${failed} of ${amount} requests failed (${result.requests.total} answered)`);
  }
}

function perCall(window: CpuWindow, name: string): string {
  const calls = window.calls[name] ?? 0;
  return calls > 0 ? ((window.cpuMs[name] ?? 0) / calls).toFixed(2) : '–';
}

/**
 * What one call costs a source, and what a source costs when nobody calls it:
 * `node bench/dist/source-cost/main.js --scale 10000 --requests 400 --idle 60`. Starts the hub
 * (the repository's sources), loads `--scale` synthetic records per source, sends `--requests`
 * requests of (a), (c) and (d) through the hub, and divides each source's CPU (from /proc) by
 * the calls it served (its own metrics); then leaves the hub idle for `--idle` seconds. On a
 * shared machine this is the figure load distorts least: CPU per call, not latency.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      scale: { type: 'string', default: '10000' },
      requests: { type: 'string', default: '400' },
      connections: { type: 'string', default: '2' },
      idle: { type: 'string', default: '60' },
      only: { type: 'string', default: 'a,c,d' },
      out: { type: 'string' },
      'cpu-prof': { type: 'string' },
    },
  });
  const scale = Number(values.scale);
  const requests = Number(values.requests);
  const connections = Number(values.connections);
  const idleSeconds = Number(values.idle);
  for (const [name, n, min] of [
    ['--scale', scale, 1000],
    ['--requests', requests, 1],
    ['--connections', connections, 1],
    ['--idle', idleSeconds, 0],
  ] as const) {
    if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be a whole number of at least ${min}`);
  }
  const stateDir = benchStateDir('psea-source-cost');
  const started = benchHub({
    rootDir: ROOT,
    stateDir,
    poolSize: 4,
    // A busy shared machine starts services slowly; the figures do not depend on it.
    startTimeoutMs: 300_000,
    // CPU per call is measured, not latency: on a busy machine a call may wait long for a core.
    env: { SOURCE_TIMEOUT_MS: '60000' },
    ...(values['cpu-prof'] ? { cpuProfDir: resolve(values['cpu-prof']) } : {}),
  });
  const hub = await started.catch((error: unknown) => {
    rmSync(stateDir, { recursive: true, force: true });
    throw error;
  });
  if (values['cpu-prof']) mkdirSync(resolve(values['cpu-prof']), { recursive: true });
  const profiled = values['cpu-prof'] ? new ProcessIndex(resolve(values['cpu-prof'])) : undefined;
  try {
    const sources = [...hub.sources.values()].map((s) => s.registration);
    profiled?.add(hub.gateway.pid, 'gateway');
    for (const s of sources) profiled?.add(hub.source(s.name).process.pid, s.name);
    await loadSources(ROOT, hub, sources, scale, stateDir, log);
    const processes = hubProcesses(hub);
    const token = await mintDevToken(hub.keys, { role: Role.COORDINATOR, subject: 'bench' });
    const screeningKey = readScreeningKey(hub.keys.screeningKey);
    const wanted = values.only.split(',');
    const chosen = scenarios(FIRST_YEAR + 8, '5001234', screeningKey, sources[0]!).filter((s) => wanted.includes(s.id));
    const lines = [
      `# A source's CPU per call and when idle`,
      '',
      `${new Date().toISOString()}; NODE_ENV=${benchNodeEnv()}; load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(', ')} at the start; ` +
        `${scale.toLocaleString('en')} synthetic records per source; ${requests} requests per scenario through the hub, ${connections} at a time. ` +
        `Reproduce: \`node bench/dist/source-cost/main.js --scale ${scale} --requests ${requests} --connections ${connections} --idle ${idleSeconds}\`.`,
      '',
      `| scenario | ${sources.map((s) => `${s.name} ms/call`).join(' | ')} | gateway ms/request |`,
      `| --- |${sources.map(() => ' --- |').join('')} --- |`,
    ];
    const result: Record<string, CpuWindow> = {};
    for (const scenario of chosen) {
      // Warm: the first requests of a scenario plan the query and fill caches.
      await probe(hub.gatewayUrl, scenario.gateway, token);
      await send(hub.gatewayUrl, scenario.gateway, token, Math.min(50, requests), connections);
      const measure = () => cpuWindow(processes, () => send(hub.gatewayUrl, scenario.gateway, token, requests, connections));
      const window = profiled ? await profiled.window(scenario.id, measure) : await measure();
      result[scenario.id] = window;
      const row = `| ${scenario.id} | ${sources.map((s) => perCall(window, s.name)).join(' | ')} | ${((window.cpuMs['gateway'] ?? 0) / requests).toFixed(2)} |`;
      lines.push(row);
      log(row);
    }
    if (idleSeconds > 0) {
      log(`idle for ${idleSeconds} s`);
      const idling = () => cpuWindow(processes, () => new Promise((ok) => setTimeout(ok, idleSeconds * 1000)));
      const idle = profiled ? await profiled.window('idle', idling) : await idling();
      result['idle'] = idle;
      lines.push(
        '',
        `Idle for ${idleSeconds} s: ` +
          processes
            .map(
              (p) =>
                `${p.name} ${(idle.cpuMs[p.name] ?? 0).toFixed(0)} ms CPU (${(((idle.cpuMs[p.name] ?? 0) / idle.seconds / 1000) * 100).toFixed(2)} % of a core)`,
            )
            .join(', ') +
          '.',
      );
      log(lines[lines.length - 1] as string);
    }
    if (values.out) {
      writeFileSync(`${values.out}.json`, `${JSON.stringify({ scale, requests, connections, idleSeconds, result }, null, 2)}\n`);
      writeFileSync(`${values.out}.md`, `${lines.join('\n')}\n`);
    }
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    profiled?.write();
    await hub.stop();
    rmSync(stateDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  log(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
