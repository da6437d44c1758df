import { cpuSeconds } from '../measure';

/** The gateway's source timeout in a production deployment (gateway/src/config.ts's default). */
const DEPLOYED_SOURCE_TIMEOUT_MS = 5_000;

/**
 * The source timeout the many-sources benchmark gives the gateway: the deployed 5 s up to ten
 * sources, then growing with their number. In a deployment each source runs on its entity's own
 * machine, so one source's answer time does not depend on how many others there are and 5 s
 * stays right. Here every source shares the benchmark's few cores: a call waits for CPU behind
 * all the other sources' calls of the same requests, so its time grows with their number, and a
 * fixed timeout would measure the machine's size, not the hub. The results state the timeout used,
 * and every answer that still misses a source is counted (`isCompleteAnswer`), never hidden.
 */
export function benchSourceTimeoutMs(sources: number): number {
  return Math.round(DEPLOYED_SOURCE_TIMEOUT_MS * Math.max(1, sources / 10));
}

/**
 * True when a hub answer has no error and every root field says `complete: true`: a request
 * answered with a source missing is 200 OK over HTTP, and without this check it would count as
 * a success.
 */
export function isCompleteAnswer(body: string): boolean {
  try {
    const parsed = JSON.parse(body) as { data?: Record<string, { complete?: unknown } | null>; errors?: unknown };
    if (parsed.errors !== undefined || !parsed.data) return false;
    const fields = Object.values(parsed.data);
    return fields.length > 0 && fields.every((field) => field?.complete === true);
  } catch {
    return false;
  }
}

/**
 * Waits until the processes use less than `idleCores` of CPU over a second (at most `maxSeconds`):
 * when a load window ends, requests still in flight keep the hub busy, and the next scenario's
 * first request would otherwise queue behind them and be timed with them.
 */
export async function settle(pids: ReadonlyArray<number | undefined>, idleCores = 0.2, maxSeconds = 60): Promise<number> {
  const started = Date.now();
  for (;;) {
    const before = cpuSeconds(pids);
    await new Promise((ok) => setTimeout(ok, 1000));
    const used = cpuSeconds(pids) - before;
    if (used < idleCores || Date.now() - started > maxSeconds * 1000) return (Date.now() - started) / 1000;
  }
}
