import { byWindow, roleOf, summarise, CpuProfile } from '../profile-summary';

const nm = '/repo/node_modules/';

/** A profile of three frames: planning, graphql execution, GC; one sample every 1 ms from t = 1,000,000 µs. */
function profile(samples: number[]): CpuProfile {
  return {
    startTime: 1_000_000,
    nodes: [
      { id: 1, callFrame: { functionName: 'buildPlan', url: `${nm}@apollo/query-planner/dist/buildPlan.js`, lineNumber: 0 } },
      { id: 2, callFrame: { functionName: 'executeFields', url: `${nm}graphql/execution/execute.js`, lineNumber: 0 } },
      { id: 3, callFrame: { functionName: '(garbage collector)', url: '', lineNumber: -1 } },
      { id: 4, callFrame: { functionName: '(idle)', url: '', lineNumber: -1 } },
    ],
    samples,
    timeDeltas: samples.map(() => 1000),
  };
}

describe('profile-summary', () => {
  it('sums self time by group over several processes, idle left out', () => {
    const text = summarise([profile([1, 1, 2, 4]), profile([3, 4])], 5);
    expect(text).toContain('Busy 0.0 s of 0.0 s profiled.');
    expect(text).toContain('| @apollo/gateway planning | 2 ms | 50.0% |');
    expect(text).toContain('| graphql-js execution | 1 ms | 25.0% |');
    expect(text).toContain('| GC | 1 ms | 25.0% |');
  });

  it('counts only the samples inside the load windows when given', () => {
    // Samples at 1,001,000 … 1,006,000 µs: planning for the first three, execution for the last three.
    const p = profile([1, 1, 1, 2, 2, 2]);
    const text = summarise(p, 5, [{ label: 'c', fromUs: 1_003_500, toUs: 1_006_000 }]);
    expect(text).toContain("in the scenarios' load (c)");
    expect(text).toContain('| graphql-js execution | 3 ms | 100.0% |');
    expect(text).not.toContain('planning');
  });

  it('splits the groups by scenario window', () => {
    const table = byWindow(
      [profile([1, 1, 1, 2, 2, 2])],
      [
        { label: 'a', fromUs: 1_000_000, toUs: 1_003_000 },
        { label: 'c', fromUs: 1_003_001, toUs: 1_006_000 },
      ],
    );
    expect(table).toContain('| where | a | c |');
    expect(table).toContain('| @apollo/gateway planning | 3 ms (100%) | 0 ms (0%) |');
    expect(table).toContain('| graphql-js execution | 0 ms (0%) | 3 ms (100%) |');
  });

  it('sums every source into one role and keeps the routers apart', () => {
    expect(roleOf('peacekeeping')).toBe('sources (all, summed)');
    expect(roleOf('bench-17')).toBe('sources (all, summed)');
    expect(roleOf('gateway')).toBe('gateway');
    expect(roleOf('hive gateway')).toBe('hive gateway');
    expect(roleOf('Apollo split system view')).toBe('Apollo split system view');
    expect(roleOf('Hive gateway')).toBe('Hive gateway');
    expect(roleOf(undefined)).toBe('unnamed processes');
  });
});
