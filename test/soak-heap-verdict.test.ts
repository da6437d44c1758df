import { HeapSample, heapLives } from '../bench/src/soak/heap';

/** Samples of one process every minute, its heap after GC given by `heapAt(minute)`. */
function samples(minutes: number, heapAt: (minute: number) => number, pid = 7): HeapSample[] {
  return Array.from({ length: minutes + 1 }, (_, m) => ({
    label: `minute ${m}`,
    atSeconds: m * 60,
    processes: { gateway: { pid, heapMiB: heapAt(m), externalMiB: 1, rssMiB: 200 } },
  }));
}

describe("the soak's verdict on the heap after GC", () => {
  it('calls a heap that fills its caches at first and then holds flat', () => {
    const [life] = heapLives(samples(30, (m) => 50 + Math.min(m, 5) * 2 + (m % 2) * 0.5));
    expect(life).toMatchObject({ start: 50, peak: 60.5, verdict: 'flat' });
  });

  it('calls a heap that keeps growing in the second half growing, even slowly', () => {
    // 0.3 MiB a minute: 4.5 MiB over the second half of 30 minutes, more than the 2.9 MiB noise.
    const [life] = heapLives(samples(30, (m) => 50 + m * 0.3));
    expect(life?.verdict).toBe('growing');
  });

  it('judges each life of a restarted process apart, and not a short one', () => {
    const before = samples(10, () => 40, 1);
    const after = samples(2, (m) => 30 + m * 5, 2).map((s) => ({ ...s, atSeconds: s.atSeconds + 660 }));
    const lives = heapLives([...before, ...after]);
    expect(lives.map((l) => [l.pid, l.verdict])).toEqual([
      [1, 'flat'],
      [2, 'too short to judge'],
    ]);
  });

  it('leaves out a process that could not be measured', () => {
    const gone: HeapSample = { label: 'gone', atSeconds: 60, processes: { gateway: null } };
    expect(heapLives([gone])).toEqual([]);
  });
});
