import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { readFileSync } from 'node:fs';
import { graphqlTarget, probe } from '../measure';
import type { Request } from '../scenarios';
import { ProcessIndex } from '../profile/process-index';
import { benchNodeEnv } from '../bench-hub';
import { HubUnderTest, startHubUnderTest } from './hub-under-test';

const ROOT = resolve(__dirname, '..', '..', '..');
const log = (line: string) => process.stderr.write(`${line}\n`);

/** User and system (kernel: socket reads and writes) CPU seconds of a process so far, from /proc. */
function cpuSplit(pid: number): { user: number; system: number } {
  // Fields after the command name: utime and stime are the 12th and 13th, in 1/100 s.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return { user: Number(fields[11]) / 100, system: Number(fields[12]) / 100 };
}

/** One measured load run of one scenario at one hub. */
interface Sample {
  readonly cpuMsPerRequest: number;
  readonly systemMsPerRequest: number;
  readonly requests: number;
  readonly p50: number;
  readonly throughput: number;
}

/**
 * Sends exactly `amount` requests and waits for every answer, so no request is in flight when
 * the CPU is read (a fixed duration on a loaded machine ends with many in flight, and counts
 * their CPU against the requests that did complete).
 */
async function send(url: string, request: Request, token: string, connections: number, amount: number) {
  const result = await autocannon({
    ...graphqlTarget(url, request, token),
    connections,
    amount,
    timeout: 120,
  });
  return {
    p50: result.latency.p50,
    requests: result.requests.total,
    throughput: result.requests.total / Math.max(0.001, result.duration),
    errors: result.errors + result.timeouts + result.non2xx,
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * The embedded gateway's CPU per request (user + system time of its process, from /proc, over
 * a fixed number of requests, all answered), which the machine's other load distorts far less than latency does.
 * With --compare <root of another build> both hubs run side by side and are measured in turn,
 * round after round, so the comparison is made in the same minutes.
 *
 *   node bench/dist/gateway-cost/gateway-cost-main.js --scale 1000 --rounds 3 --only a:200,c:40,d:200 \
 *     [--compare /tmp/old-worktree] [--cpu-prof /tmp/profiles]
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      scale: { type: 'string', default: '1000' },
      // Requests per measured run, unless a scenario names its own (a:200).
      requests: { type: 'string', default: '100' },
      connections: { type: 'string', default: '4' },
      rounds: { type: 'string', default: '3' },
      only: { type: 'string', default: 'a,c,d' },
      compare: { type: 'string' },
      // Extra environment for every service of both hubs, e.g. --env NODE_ENV=development (production by default).
      env: { type: 'string', multiple: true, default: [] },
      // Profiles this root's gateway (and sources) with --cpu-prof; windows are this root's loads.
      'cpu-prof': { type: 'string' },
    },
  });
  const scale = Number(values.scale);
  const requests = Number(values.requests);
  const connections = Number(values.connections);
  const rounds = Number(values.rounds);
  for (const [name, value] of Object.entries({ scale, requests, connections, rounds })) {
    if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive whole number, got ${value}`);
  }
  const env: Record<string, string> = {};
  for (const pair of values.env as string[]) {
    const at = pair.indexOf('=');
    if (at < 1) throw new Error(`--env: expected NAME=value, got ${pair}`);
    env[pair.slice(0, at)] = pair.slice(at + 1);
  }
  const only = (values.only as string).split(',').map((item) => {
    const [id, count] = item.split(':');
    const amount = count === undefined ? requests : Number(count);
    if (!id || !Number.isInteger(amount) || amount < 1) throw new Error(`--only: expected id or id:requests, got ${item}`);
    return { id, amount };
  });
  const profileDir = values['cpu-prof'] ? resolve(values['cpu-prof']) : undefined;
  const profiled = profileDir ? new ProcessIndex(profileDir) : undefined;
  const loadAtStart = loadavg();
  const hubs: HubUnderTest[] = [];
  try {
    hubs.push(await startHubUnderTest('this build', ROOT, scale, log, env, profileDir));
    profiled?.add(hubs[0]?.gatewayPid, 'gateway');
    if (values.compare)
      hubs.push(await startHubUnderTest(`build at ${values.compare}`, resolve(values.compare), scale, log, env));
    const samples = new Map<string, Sample[]>();
    for (let round = 1; round <= rounds; round++) {
      for (const { id, amount } of only) {
        for (const hub of hubs) {
          const scenario = hub.scenarios.find((s) => s.id === id);
          if (!scenario) throw new Error(`${hub.label} has no scenario ${id}`);
          await probe(hub.gatewayUrl, scenario.gateway, hub.token);
          // A short warm-up, so plans, documents and pools are ready before the measured run.
          await send(hub.gatewayUrl, scenario.gateway, hub.token, connections, connections * 2);
          const before = cpuSplit(hub.gatewayPid);
          const run = () => send(hub.gatewayUrl, scenario.gateway, hub.token, connections, amount);
          const result = profiled && hub === hubs[0] ? await profiled.window(id, run) : await run();
          const after = cpuSplit(hub.gatewayPid);
          const system = after.system - before.system;
          const cpu = after.user - before.user + system;
          if (result.errors) throw new Error(`${hub.label}, scenario ${id}: ${result.errors} errors`);
          const sample = {
            cpuMsPerRequest: (cpu * 1000) / Math.max(1, result.requests),
            systemMsPerRequest: (system * 1000) / Math.max(1, result.requests),
            requests: result.requests,
            p50: result.p50,
            throughput: result.throughput,
          };
          samples.set(`${hub.label}|${id}`, [...(samples.get(`${hub.label}|${id}`) ?? []), sample]);
          log(
            `round ${round} ${id} ${hub.label}: ${sample.cpuMsPerRequest.toFixed(2)} ms CPU/request ` +
              `(${sample.systemMsPerRequest.toFixed(2)} ms of it system), ` +
              `${result.requests} requests, p50 ${result.p50} ms, ${result.throughput.toFixed(1)} req/s`,
          );
        }
      }
    }
    const lines = [
      `Gateway CPU per request, ${scale} records per source, services with NODE_ENV=${env['NODE_ENV'] ?? benchNodeEnv()},` +
        `${Object.keys(env).length ? ` environment ${JSON.stringify(env)},` : ''} load average ${loadAtStart.map((l) => l.toFixed(2)).join(', ')} at the start, ${connections} connections, ${rounds} rounds of ${only.map((o) => `${o.id}: ${o.amount}`).join(', ')} requests per build (median of rounds, each round's figure in brackets)`,
      '',
      '| scenario | build | gateway CPU ms / request | of which system (kernel) | p50 | req/s |',
      '| --- | --- | --- | --- | --- | --- |',
    ];
    for (const { id } of only) {
      for (const hub of hubs) {
        const s = samples.get(`${hub.label}|${id}`) ?? [];
        const cpu = s.map((x) => x.cpuMsPerRequest);
        lines.push(
          `| ${id} | ${hub.label} | ${median(cpu).toFixed(2)} (${cpu.map((c) => c.toFixed(2)).join(', ')}) | ` +
            `${median(s.map((x) => x.systemMsPerRequest)).toFixed(2)} | ` +
            `${median(s.map((x) => x.p50))} ms | ${Math.round(median(s.map((x) => x.throughput)))} |`,
        );
      }
    }
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    for (const hub of hubs) await hub.stop();
    profiled?.write();
  }
}

main().catch((error: unknown) => {
  log(`gateway-cost: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
