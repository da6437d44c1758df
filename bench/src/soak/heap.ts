import type { MemoryReport } from '@psea/service';

const MiB = 2 ** 20;

/** Every service's memory after a forced full GC at one moment of the run. */
export interface HeapSample {
  readonly label: string;
  /** Seconds since the measured run started (after the warm-up). */
  readonly atSeconds: number;
  readonly processes: Record<string, { pid: number | null; heapMiB: number; externalMiB: number; rssMiB: number } | null>;
}

export function heapEntry(pid: number | undefined, report: MemoryReport | undefined): HeapSample['processes'][string] {
  if (!report || !report.gcForced || pid === undefined) return null;
  const round = (bytes: number) => Math.round((bytes / MiB) * 10) / 10;
  return { pid, heapMiB: round(report.heapUsedBytes), externalMiB: round(report.externalBytes), rssMiB: round(report.rssBytes) };
}

/** One life of a process (a restart starts another), and what its heap after GC did. */
export interface HeapLife {
  readonly process: string;
  readonly pid: number;
  readonly fromSeconds: number;
  readonly toSeconds: number;
  readonly samples: number;
  readonly start: number;
  /** The heap after GC half-way through this life: the caches and pools have filled by then. */
  readonly half: number;
  readonly end: number;
  readonly peak: number;
  readonly verdict: 'flat' | 'growing' | 'too short to judge';
}

/** A life shorter than this is not judged: its caches are still filling. */
const MIN_LIFE_SECONDS = 240;

/**
 * The noise allowed between the half-way and the end measurement: 2 MiB or 5 % of the heap,
 * whichever is larger. A forced full GC leaves what is reachable, but that still moves with
 * the requests in flight at the moment of the sample and with buffers held for sockets.
 */
export function noiseMiB(heapMiB: number): number {
  return Math.max(2, heapMiB * 0.05);
}

/**
 * Each process's lives and whether the heap after GC is flat: it is when it grows no more than
 * the noise over the second half of the life (the first half includes caches, pools, JIT and
 * the like filling up, which stop at a bound; a leak keeps growing in the second half too).
 */
export function heapLives(samples: readonly HeapSample[]): HeapLife[] {
  const names = [...new Set(samples.flatMap((s) => Object.keys(s.processes)))];
  const lives: HeapLife[] = [];
  for (const name of names) {
    const byPid = new Map<number, Array<{ at: number; heap: number }>>();
    for (const sample of samples) {
      const entry = sample.processes[name];
      if (!entry || entry.pid === null) continue;
      const points = byPid.get(entry.pid) ?? [];
      points.push({ at: sample.atSeconds, heap: entry.heapMiB });
      byPid.set(entry.pid, points);
    }
    for (const [pid, points] of byPid) {
      const first = points[0] as { at: number; heap: number };
      const last = points[points.length - 1] as { at: number; heap: number };
      const middleAt = (first.at + last.at) / 2;
      const half = points.reduce((best, p) => (Math.abs(p.at - middleAt) < Math.abs(best.at - middleAt) ? p : best), first);
      const long = last.at - first.at >= MIN_LIFE_SECONDS && points.length >= 4;
      lives.push({
        process: name,
        pid,
        fromSeconds: first.at,
        toSeconds: last.at,
        samples: points.length,
        start: first.heap,
        half: half.heap,
        end: last.heap,
        peak: Math.max(...points.map((p) => p.heap)),
        verdict: !long ? 'too short to judge' : last.heap - half.heap > noiseMiB(half.heap) ? 'growing' : 'flat',
      });
    }
  }
  return lives;
}
