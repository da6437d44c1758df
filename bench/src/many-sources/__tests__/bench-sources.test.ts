import { benchSources, newSubgraphArguments, parseSourceCounts } from '../bench-sources';

describe('benchSources', () => {
  it('adds what the repository lacks, numbered after its own sources', () => {
    const added = benchSources(10, 3);
    expect(added.map((s) => s.slug)).toEqual([
      'bench-04',
      'bench-05',
      'bench-06',
      'bench-07',
      'bench-08',
      'bench-09',
      'bench-10',
    ]);
    expect(benchSources(3, 3)).toEqual([]);
  });

  it('gives every added source entity codes no other source has', () => {
    const codes = benchSources(30, 3).flatMap((s) => s.entities.map((e) => e.split('=')[0]));
    expect(codes).toHaveLength(54);
    expect(new Set(codes).size).toBe(54);
    for (const code of codes) expect(code).toMatch(/^[A-Z][A-Z0-9-]{1,31}$/);
  });

  it('scaffolds with psea new-subgraph without composing each time', () => {
    const [first] = benchSources(4, 3);
    expect(newSubgraphArguments(first!)).toEqual([
      'new-subgraph',
      'bench-04',
      '--entity',
      'BENCH-04A=Synthetic benchmark entity 04A',
      '--entity',
      'BENCH-04B=Synthetic benchmark entity 04B',
      '--no-compose',
    ]);
  });
});

describe('parseSourceCounts', () => {
  it('reads the counts in increasing order, each once', () => {
    expect(parseSourceCounts('30, 3,10,3', 3)).toEqual([3, 10, 30]);
  });

  it('refuses fewer sources than the repository registers, or more than 99, naming the value', () => {
    expect(() => parseSourceCounts('2,10', 3)).toThrow(/from 3 .* got "2"/);
    expect(() => parseSourceCounts('3,100', 3)).toThrow(/got "100"/);
    expect(() => parseSourceCounts('3,ten', 3)).toThrow(/got "ten"/);
    expect(() => parseSourceCounts('3.5', 3)).toThrow(/got "3.5"/);
  });
});
