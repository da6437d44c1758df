import type { Hub } from '@psea/devstack';
import { cpuSeconds } from '../measure';

/** The processes whose cost is measured: their pid and, for a source, its management /metrics. */
export interface MeasuredProcess {
  readonly name: string;
  readonly pid: number | undefined;
  readonly metricsUrl?: string | undefined;
}

/** A hub's gateway and each of its sources (with its metrics), named as the results name them. */
export function hubProcesses(hub: Hub): MeasuredProcess[] {
  return [
    { name: 'gateway', pid: hub.gateway.pid },
    ...[...hub.sources.values()].map((s) => ({
      name: s.registration.name,
      pid: s.process.pid,
      metricsUrl: s.process.metricsUrl,
    })),
  ];
}

/** What some processes used over one stretch of time: CPU ms of each, and GraphQL calls each served. */
export interface CpuWindow {
  readonly seconds: number;
  readonly cpuMs: Readonly<Record<string, number>>;
  /** /graphql requests each source answered in the window (from its own metrics), when it has metrics. */
  readonly calls: Readonly<Record<string, number>>;
}

/** /graphql requests a service has answered so far: the count of its request-duration histogram. */
async function graphqlCalls(metricsUrl: string): Promise<number> {
  const text = await (await fetch(metricsUrl)).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith('psea_http_request_duration_seconds_count{') && line.includes('route="/graphql"'))
    .reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
}

/**
 * Runs `work` and reports the CPU each process used meanwhile (user + system, from /proc) and the
 * GraphQL calls each source served (its own counter, so a call the hub never made is not counted).
 * Reading the metrics costs the source a little CPU: once before and once after, not per call.
 */
export async function cpuWindow(processes: readonly MeasuredProcess[], work: () => Promise<unknown>): Promise<CpuWindow> {
  const callsBefore = await Promise.all(processes.map((p) => (p.metricsUrl ? graphqlCalls(p.metricsUrl) : 0)));
  const before = processes.map((p) => cpuSeconds([p.pid]));
  const started = performance.now();
  await work();
  const seconds = (performance.now() - started) / 1000;
  const after = processes.map((p) => cpuSeconds([p.pid]));
  const callsAfter = await Promise.all(processes.map((p) => (p.metricsUrl ? graphqlCalls(p.metricsUrl) : 0)));
  return {
    seconds,
    cpuMs: Object.fromEntries(processes.map((p, i) => [p.name, ((after[i] as number) - (before[i] as number)) * 1000])),
    calls: Object.fromEntries(processes.map((p, i) => [p.name, (callsAfter[i] as number) - (callsBefore[i] as number)])),
  };
}
