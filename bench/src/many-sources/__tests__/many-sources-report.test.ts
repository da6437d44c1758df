import { ManySourcesResult, SourcesRun, growth, manySourcesMarkdown, memorySummary } from '../many-sources-report';

const load = (p50: number) => ({ p50, p99: p50 * 3, throughput: 100, requests: 200, errors: 0 });

function run(sources: number, a: number, c: number): SourcesRun {
  return {
    sources,
    recordsPerSource: Array(sources).fill(3000 / sources),
    poolSize: 4,
    scenarios: [
      { id: 'a', title: 'statistics', hub: load(a) },
      { id: 'c', title: 'merged page', hub: load(c) },
    ],
    peakMemoryMiB: { gateway: 200, ...Object.fromEntries(Array.from({ length: sources }, (_, i) => [`s${i}`, 100 + i])) },
    scaffoldSeconds: 12,
  };
}

function result(runs: SourcesRun[]): ManySourcesResult {
  return {
    date: '2026-11-30',
    machine: { cores: 2, memoryGiB: 24, node: 'v20', cpu: 'cpu' },
    totalRecords: 3000,
    connections: 8,
    durationSeconds: 2,
    loadAverage: [4, 4, 4],
    runs,
  };
}

describe('the many-sources report', () => {
  it('divides the p50 at the most sources by the p50 at the fewest, per scenario', () => {
    expect(growth(result([run(3, 10, 40), run(10, 15, 60), run(30, 25, 60)]))).toEqual([
      { id: 'a', from: 3, to: 30, ratio: 2.5 },
      { id: 'c', from: 3, to: 30, ratio: 1.5 },
    ]);
  });

  it('judges the 2× target on a run of 3 and 30 sources, met or missed by how much', () => {
    const md = manySourcesMarkdown(result([run(3, 10, 40), run(10, 15, 60), run(30, 25, 60)]));
    expect(md).toContain('| a | 10 ms | 15 ms | 25 ms | 2.50× | missed by 1.25× |');
    expect(md).toContain('| c | 40 ms | 60 ms | 60 ms | 1.50× | met |');
    expect(md).toContain('npm run bench -- --sources 3,10,30 --scale 3000');
  });

  it('does not judge the target on other counts, and says so', () => {
    const md = manySourcesMarkdown(result([run(3, 10, 40), run(10, 30, 60)]));
    expect(md).toContain('| a | 10 ms | 30 ms | 3.00× |');
    expect(md).not.toMatch(/met|missed/);
    expect(md).toContain('judged only on a run of both');
  });

  it('has one table per count and no growth table for a single count', () => {
    const md = manySourcesMarkdown(result([run(3, 10, 40)]));
    expect(md).toContain('## 3 sources');
    expect(md).not.toContain('## Growth');
  });

  it('gives no p50 and no ratio for a scenario of which no request completed', () => {
    const slow = run(30, 25, 60);
    const stalled = {
      ...slow,
      scenarios: [slow.scenarios[0]!, { id: 'c', title: 'merged page', hub: { ...load(0), requests: 0 } }],
    };
    const r = result([run(3, 10, 40), stalled]);
    expect(growth(r)).toEqual([
      { id: 'a', from: 3, to: 30, ratio: 2.5 },
      { id: 'c', from: 3, to: 30, ratio: null },
    ]);
    const md = manySourcesMarkdown(r);
    expect(md).toContain('| c | merged page | none completed in 2 s | – | 0 | 0 |');
    expect(md).toContain('| c | 40 ms | – | – | – |');
  });

  it('gives no ratio where answers missed a source, and shows how many did', () => {
    const partial = run(30, 25, 60);
    const missing = {
      ...partial,
      sourceTimeoutMs: 15_000,
      scenarios: [partial.scenarios[0]!, { id: 'c', title: 'merged page', hub: { ...load(60), incomplete: 3 } }],
    };
    const r = result([run(3, 10, 40), missing]);
    expect(growth(r).find((g) => g.id === 'c')?.ratio).toBeNull();
    const md = manySourcesMarkdown(r);
    expect(md).toContain('| c | merged page | 60 ms | 180 ms | 100 | 0 | 3 |');
    expect(md).toContain("The gateway's source timeout: 15.0 s.");
    expect(md).toContain('No ratio (–) where a window completed no request, or had failed or incomplete answers.');
  });

  it('shows the CPU per source call and per hub request, and what the idle hub used', () => {
    const measured = {
      ...run(3, 10, 40),
      idle: { seconds: 20, sourcesCores: 0.0123, gatewayCores: 0.004 },
      scenarios: [
        {
          id: 'a',
          title: 'statistics',
          hub: load(10),
          cost: { sourceCalls: 600, sourceCpuMsPerCall: 2.345, gatewayCpuMsPerRequest: 8.5, sourcesCpuMsPerRequest: 7.04 },
        },
      ],
    };
    const md = manySourcesMarkdown(result([measured]));
    expect(md).toContain('| a | statistics | 10 ms | 30 ms | 100 | 0 | – | 2.35 | 8.50, 7.04 |');
    expect(md).toContain('the sources used 0.012 of a core in all, the gateway 0.004');
  });

  it('sums the sources’ memory apart from the gateway', () => {
    expect(memorySummary(run(3, 1, 1))).toEqual({ gateway: 200, sourcesTotal: 303, largestSource: 102 });
  });
});
