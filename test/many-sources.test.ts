import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runManySources } from '../bench/src/many-sources/run-many-sources';
import { ROOT_DIR } from './support/test-hub';

/**
 * The many-sources benchmark end to end at a tiny size: a copy of the repository with two
 * sources added by `psea new-subgraph`, a hub over all five with a database each, the records
 * spread across them, and the system-wide view counting every source exactly before anything is
 * measured (the run fails otherwise).
 */
describe('the many-sources benchmark', () => {
  const out = mkdtempSync(join(tmpdir(), 'psea-many-sources-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('runs a hub of five registered sources, two scaffolded, each with its records, and leaves the repository untouched', async () => {
    const before = readFileSync(join(ROOT_DIR, 'gateway', 'sources.json'), 'utf8');
    const copiesBefore = readdirSync(tmpdir()).filter((f) => f.startsWith('psea-bench-5-sources-'));
    const lines: string[] = [];
    const result = await runManySources({
      rootDir: ROOT_DIR,
      counts: [5],
      totalRecords: 52,
      durationSeconds: 1,
      connections: 2,
      poolSize: 2,
      out,
      only: ['c', 'd'],
      keep: false,
      log: (line) => lines.push(line),
    });
    expect(readFileSync(join(ROOT_DIR, 'gateway', 'sources.json'), 'utf8')).toBe(before);
    expect(existsSync(join(ROOT_DIR, 'subgraphs', 'bench-04'))).toBe(false);
    const [run] = result.runs;
    expect(run?.sources).toBe(5);
    expect(run?.recordsPerSource).toEqual([11, 11, 10, 10, 10]);
    expect(Object.keys(run?.peakMemoryMiB ?? {})).toEqual([
      'gateway',
      'peacekeeping',
      'agencies',
      'non-un-forces',
      'bench-04',
      'bench-05',
    ]);
    // (c) pages across sources whose names hold digits: their ids must read back (bench-04:270).
    // Each scenario is first sent once and the run fails on any error in its answer; how many
    // more complete within the second is the machine's business, not this test's.
    expect(run?.scenarios.map((s) => s.id)).toEqual(['c', 'd']);
    for (const scenario of run?.scenarios ?? []) expect(scenario.hub.errors).toBe(0);
    expect(lines.some((line) => line.includes('ingesting bench-05'))).toBe(true);
    expect(readFileSync(join(out, 'sources-5-total-52.md'), 'utf8')).toContain('## 5 sources');
    // The copy is removed afterwards.
    expect(readdirSync(tmpdir()).filter((f) => f.startsWith('psea-bench-5-sources-'))).toEqual(copiesBefore);
  }, 1_200_000);
});
