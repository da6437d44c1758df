import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AllegationRecord, Role, Source, UNIFORMED_CATEGORIES } from '@psea/contract';
import { referenceDataset } from '@psea/reference-data';
import { psea } from './support/psea';
import { TestHub, startTestHub } from './support/test-hub';

describe('psea report: the annex tables, from the gateway', () => {
  let t: TestHub;
  let dir: string;
  let coordinator: string;
  let reportAuthor: string;
  const run = (args: string[], token: string) =>
    psea(['report', '--url', t.hub.gatewayUrl, '--token', token, '--produced-at', '2026-11-30T12:00:00Z', ...args]);
  const out = (name: string) => join(dir, name);

  beforeAll(async () => {
    t = await startTestHub();
    dir = mkdtempSync(join(tmpdir(), 'psea-report-'));
    coordinator = await t.token({ role: Role.COORDINATOR });
    reportAuthor = await t.token({ role: Role.REPORT_AUTHOR });
  }, 120_000);
  afterAll(async () => {
    await t?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes the 2016 annex in Markdown with the published figures, marked complete and synthetic', () => {
    const result = run(['--year', '2016', '--format', 'md', '--out', out('md')], reportAuthor);
    expect(result.status).toBe(0);
    const md = readFileSync(join(out('md'), 'annex-2016.md'), 'utf8');
    expect(md).toContain('| PEACEKEEPING | 103 |');
    expect(md).toContain('| AGENCIES | 42 |');
    expect(md).toContain('| NON_UN_FORCES | 20 |');
    expect(md).toContain('| total | 165 |');
    expect(md).toContain('| PEACEKEEPING | MINUSCA | 52 |');
    expect(md).toMatch(/SYNTHETIC/);
    const footers =
      md.match(/Produced 2026-11-30T12:00:00.000Z by the PSEA federation hub\. Complete: all sources answered/g) ?? [];
    expect(footers).toHaveLength(14);
  });

  it('gives byte-identical output for the same inputs, but for the times the sources answered', () => {
    run(['--year', '2016', '--format', 'json', '--out', out('a')], coordinator);
    run(['--year', '2016', '--format', 'json', '--out', out('b')], coordinator);
    // Each run asks the sources again and says when they answered (an edition regenerated with
    // --as-of keeps its own times: test/provenance.test.ts).
    const answered = /"answeredAt": "[^"]+"/g;
    const a = readFileSync(join(out('a'), 'annex-2016.json'), 'utf8');
    expect(a.match(answered)).toHaveLength(3);
    expect(a.replace(answered, '')).toBe(readFileSync(join(out('b'), 'annex-2016.json'), 'utf8').replace(answered, ''));
  });

  it('writes one CSV per table, each row carrying time, sources and completeness', () => {
    const result = run(['--quarter', '2016Q3', '--format', 'csv', '--out', out('csv')], coordinator);
    expect(result.status).toBe(0);
    const files = readdirSync(out('csv')).sort();
    expect(files).toHaveLength(14);
    const victims = readFileSync(join(out('csv'), 'annex-2016Q3-victims.csv'), 'utf8')
      .trim()
      .split('\n');
    expect(victims[0]).toBe('group,victims,produced_at,sources,completeness,data_versions,not_submitted');
    expect(victims[1]).toMatch(
      /^women,\d+,2026-11-30T12:00:00.000Z,PEACEKEEPING;AGENCIES;NON_UN_FORCES,complete,PEACEKEEPING=\d+@[^;]+;AGENCIES=\d+@[^;]+;NON_UN_FORCES=\d+@[^,]+,AMISOM:2016Q3;.*MINUSCA:2016Q3;/,
    );
  });

  it('gives report authors every table exactly, the published non-UN forces 2017 = 1 included', () => {
    const json = JSON.parse(
      (run(['--year', '2017', '--format', 'json', '--out', out('ra')], reportAuthor),
      readFileSync(join(out('ra'), 'annex-2017.json'), 'utf8')),
    );
    const table = (id: string) => json.tables.find((x: { id: string }) => x.id === id);
    expect(table('trend').rows).toEqual([
      [2015, 99],
      [2016, 165],
      [2017, 138],
      ['total', 402],
    ]);
    expect(table('trend-by-source').rows).toContainEqual([2017, 'NON_UN_FORCES', 1]);
    expect(JSON.stringify(json)).not.toMatch(/suppressed|withheld/);
  });

  const reference = [...referenceDataset().entries()].flatMap(([source, rs]) => rs.map((r) => ({ source, ...r })));
  const inQuarter = (r: AllegationRecord) => ['2016-10', '2016-11', '2016-12'].includes(r.reported);

  it('adds the referrals and Member State responses by nationality to the annex, as the records say', () => {
    run(['--year', '2016', '--format', 'json', '--out', out('referrals')], reportAuthor);
    const json = JSON.parse(readFileSync(join(out('referrals'), 'annex-2016.json'), 'utf8'));
    const table = json.tables.find((x: { id: string }) => x.id === 'referrals-by-nationality');
    const referred = reference.filter(
      (r) => r.reported.startsWith('2016-') && UNIFORMED_CATEGORIES.includes(r.personnelCategory) && r.memberStateReferral,
    );
    const responses = ['NONE', 'ACKNOWLEDGED', 'INVESTIGATING', 'OUTCOME_REPORTED'];
    const expected = [...new Set(referred.map((r) => r.nationality as string))].sort().map((n) => {
      const mine = referred.filter((r) => r.nationality === n);
      return [n, mine.length, ...responses.map((x) => mine.filter((r) => r.memberStateReferral?.response === x).length)];
    });
    expect(referred.length).toBeGreaterThan(10);
    expect(table.rows).toEqual([
      ...expected,
      ['total', referred.length, ...responses.map((x) => referred.filter((r) => r.memberStateReferral?.response === x).length)],
    ]);
  });

  it('writes the 2016Q4 quarterly update exactly as the records add up, byte-identical on rerun', () => {
    const first = run(['--quarter', '2016Q4', '--format', 'quarterly', '--out', out('q1')], reportAuthor);
    run(['--quarter', '2016Q4', '--format', 'quarterly', '--out', out('q2')], reportAuthor);
    expect(first.status).toBe(0);
    const md = readFileSync(join(out('q1'), 'quarterly-2016Q4.md'), 'utf8');
    expect(readFileSync(join(out('q2'), 'quarterly-2016Q4.md'), 'utf8')).toBe(md);
    const q = reference.filter(inQuarter);
    const n = (p: (r: (typeof q)[number]) => boolean) => q.filter(p).length;
    expect(md).toContain(
      `| UN personnel | ${n((r) => r.source !== Source.NON_UN_FORCES && r.personnelCategory !== 'IMPLEMENTING_PARTNER')} |`,
    );
    expect(md).toContain(`| implementing partners | ${n((r) => r.personnelCategory === 'IMPLEMENTING_PARTNER')} |`);
    expect(md).toContain(`| non-UN forces | ${n((r) => r.source === Source.NON_UN_FORCES)} |`);
    expect(md).toContain(`| total | ${q.length} |`);
    expect(md).toContain(`| this year | ${n((r) => r.incident !== null && r.incident.startsWith('2016'))} |`);
    expect(md).toContain(`| unknown | ${n((r) => r.incident === null)} |`);
    expect(md).toContain(`| under investigation | ${n((r) => r.status === 'UNDER_INVESTIGATION')} |`);
    expect(md).toContain(`| men | ${q.reduce((s, r) => s + r.perpetratorsMen, 0)} |`);
    expect(md).toContain(`| women | ${q.reduce((s, r) => s + r.perpetratorsWomen, 0)} |`);
    expect(md).toContain(`| referred to the Member State for action | ${n((r) => r.memberStateReferral !== null)} |`);
    expect(md).toMatch(/SYNTHETIC/);
    const refused = run(['--year', '2016', '--format', 'quarterly', '--out', out('q3')], reportAuthor);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/give --quarter/);
  });

  it('writes nothing and says why on bad input, an unreachable gateway or an expired token', () => {
    const cases: Array<[string[], string, number, RegExp]> = [
      [['--year', '16'], coordinator, 2, /--year must be a year such as 2016/],
      [['--quarter', '2016Q5'], coordinator, 2, /--quarter must look like 2016Q3/],
      [['--year', '2016', '--quarter', '2016Q1'], coordinator, 2, /exactly one of/],
      [['--year', '2016', '--url', 'http://127.0.0.1:1/graphql'], coordinator, 3, /cannot reach the gateway/],
      [['--year', '2016'], 'expired.or.forged', 3, /the gateway refused the token/],
    ];
    for (const [args, token, status, message] of cases) {
      const target = out(`bad-${status}-${args.join('')}`);
      const result = run([...args, '--out', target], token);
      expect(result.status).toBe(status);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(message);
      expect(existsSync(target) ? readdirSync(target) : []).toEqual([]);
    }
  });

  it('marks every table incomplete and exits non-zero when a source is down', async () => {
    await t.hub.stopSource('non-un-forces');
    try {
      const result = run(['--year', '2016', '--format', 'md', '--out', out('down')], coordinator);
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(/INCOMPLETE: NON_UN_FORCES/);
      const md = readFileSync(join(out('down'), 'annex-2016.md'), 'utf8');
      expect(md.match(/INCOMPLETE: NON_UN_FORCES did not answer; figures cover/g)).toHaveLength(14);
      expect(md).toContain('| total | 145 |');
    } finally {
      await t.hub.startSource('non-un-forces');
    }
  });
});
