import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import type { Request } from './scenarios';

export interface LoadResult {
  readonly p50: number;
  readonly p99: number;
  readonly throughput: number;
  readonly requests: number;
  readonly errors: number;
  /** Answers that `verify` refused (e.g. a source missing): counted only when a check was given. */
  readonly incomplete?: number;
}

/** autocannon's target for one GraphQL request POSTed with a caller's token, as every bench mode sends it. */
export function graphqlTarget(
  url: string,
  request: Request,
  token: string,
): { url: string; method: 'POST'; headers: Record<string, string>; body: string } {
  return {
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(request),
  };
}

/** Drives one target at a fixed concurrency for a fixed time (autocannon, over loopback). */
export async function load(
  url: string,
  request: Request,
  token: string,
  connections: number,
  duration: number,
  vary?: (i: number) => Request,
  verify?: (body: string) => boolean,
): Promise<LoadResult> {
  let i = 0;
  const result = await autocannon({
    ...graphqlTarget(url, request, token),
    connections,
    duration,
    ...(vary ? { requests: [{ setupRequest: (req: autocannon.Request) => ({ ...req, body: JSON.stringify(vary(i++)) }) }] } : {}),
    ...(verify ? { verifyBody: (body: unknown) => verify(String(body)) } : {}),
  });
  return {
    p50: result.latency.p50,
    p99: result.latency.p99,
    throughput: result.requests.average,
    requests: result.requests.total,
    errors: result.errors + result.timeouts + result.non2xx,
    ...(verify ? { incomplete: result.mismatches } : {}),
  };
}

/** Sends one request and fails loudly if the answer carries errors: a benchmark of errors measures nothing. */
export async function probe(url: string, request: Request, token: string): Promise<Record<string, unknown>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(request),
  });
  const body = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
  if (!response.ok || body.errors)
    throw new Error(`${url} answered ${response.status}: ${JSON.stringify(body.errors ?? body).slice(0, 400)}`);
  return body.data ?? {};
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** The first page and the ten after it, walked by cursor, `times` times: latency of the whole walk. */
export async function walk(
  url: string,
  query: string,
  token: string,
  times: number,
): Promise<{ p50: number; p99: number; pages: number }> {
  const totals: number[] = [];
  let pages = 0;
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    let after: string | null = null;
    for (let page = 0; page < 11; page++) {
      const data = (await probe(url, { query, variables: { after } }, token)) as {
        allegations: { endCursor: string | null; hasNextPage: boolean };
      };
      pages++;
      after = data.allegations.endCursor;
      if (!data.allegations.hasNextPage) break;
    }
    totals.push(performance.now() - started);
  }
  return { p50: percentile(totals, 50), p99: percentile(totals, 99), pages: pages / times };
}

/** Peak resident memory of a process so far, in MiB (Linux VmHWM). */
export function peakMemoryMiB(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Math.round(Number(match[1]) / 1024) : null;
  } catch {
    return null;
  }
}

/** A counter of a service's /metrics, summed over its labels (or only those with result=`result`). */
export async function counter(metricsUrl: string, name: string, result?: string): Promise<number> {
  const text = await (await fetch(metricsUrl)).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) && (result === undefined || line.includes(`result="${result}"`)))
    .reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
}

/**
 * CPU seconds (user + system) the given processes have used so far, from /proc: the routing
 * tier's cost of a load run is the difference, so throughput can be given per core it used.
 */
export function cpuSeconds(pids: ReadonlyArray<number | undefined>): number {
  let ticks = 0;
  for (const pid of pids) {
    if (pid === undefined) continue;
    try {
      // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // A process that is gone used nothing more.
    }
  }
  // Linux reports in clock ticks of 1/100 s (USER_HZ).
  return ticks / 100;
}
