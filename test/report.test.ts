import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AllegationRecord, LABELS, Role, Source, UNIFORMED_CATEGORIES, nationalityLabel } from '@psea/contract';
import { referenceDataset } from '@psea/reference-data';
import { psea } from './support/psea';
import { ROOT_DIR, TestHub, startTestHub } from './support/test-hub';

describe('psea report: the annex tables, from the gateway', () => {
  // Seven engineers share two cores: the report's 13 views may take a while.
  jest.setTimeout(120_000);
  let t: TestHub;
  let dir: string;
  let coordinator: string;
  let reportAuthor: string;
  const run = (args: string[], token: string) =>
    psea(['report', '--url', t.hub.gatewayUrl, '--token', token, '--produced-at', '2026-11-30T12:00:00Z', ...args]);
  const out = (name: string) => join(dir, name);

  beforeAll(async () => {
    // The annex asks 13 views at once: a loaded machine must not make a source time out here.
    t = await startTestHub({ env: { SOURCE_TIMEOUT_MS: '30000' } });
    dir = mkdtempSync(join(tmpdir(), 'psea-report-'));
    coordinator = await t.token({ role: Role.COORDINATOR });
    reportAuthor = await t.token({ role: Role.REPORT_AUTHOR });
  }, 120_000);
  afterAll(async () => {
    await t?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes the 2016 annex in Markdown with the published figures, in words, marked complete and synthetic', () => {
    const result = run(['--year', '2016', '--format', 'md', '--out', out('md')], reportAuthor);
    expect(result.status).toBe(0);
    const md = readFileSync(join(out('md'), 'annex-2016.md'), 'utf8');
    // Kept for review beside the dashboard's screenshots (test-artifacts/ is not committed).
    mkdirSync(join(ROOT_DIR, 'test-artifacts'), { recursive: true });
    writeFileSync(join(ROOT_DIR, 'test-artifacts', 'annex-2016.md'), md);
    expect(md).toContain('| peacekeeping operations and special political missions | 103 |');
    expect(md).toContain('| UN agencies, funds and programmes (with implementing partners) | 42 |');
    expect(md).toContain('| non-UN forces under a Security Council mandate | 20 |');
    expect(md).toContain('| **total** | **165** |');
    // Entities under their source, named from the registry, each source with its subtotal.
    expect(md).toContain(
      '| peacekeeping operations and special political missions | MINUSCA | UN Multidimensional Integrated Stabilization Mission in the Central African Republic | 52 |',
    );
    expect(md).toContain('| **peacekeeping operations and special political missions** | **subtotal** |  | **103** |');
    expect(md).toContain('| **all sources** | **total** |  | **165** |');
    expect(md).not.toMatch(/\b(MILITARY_CONTINGENT|CLOSED_OTHER|ADMINISTRATIVE_LEAVE|NON_UN_FORCES|PEACEKEEPING)\b/);
    expect(md).toContain('> All 165 records counted here are SYNTHETIC reference data');
    const footers =
      md.match(
        /Produced 30 November 2026, 12:00 UTC \(2026-11-30T12:00:00.000Z\) by the PSEA federation hub.*Complete: every source answered/g,
      ) ?? [];
    expect(footers).toHaveLength(1);
    // The trend lists 2014 (no record: 0) and adds no total over years; the 2014 records are not all reference years.
    expect(md).toMatch(
      /## Trend, 2014-2016\n\nCounts all allegations received from January 2014 to December 2016\.\n\n\| year \| allegations \|\n\| --- \| ---: \|\n\| 2014 \| 0 \|\n\| 2015 \| 99 \|\n\| 2016 \| 165 \|\n\n/,
    );
    // Every source in every year, zeros included (no non-UN forces allegation in 2015); the year written once.
    expect(md).toMatch(
      /\| 2015 \| peacekeeping operations and special political missions \| \d+ \|\n\| {2}\| UN agencies[^|]*\| \d+ \|\n\| {2}\| non-UN forces under a Security Council mandate \| 0 \|/,
    );
    expect(md).toMatch(/## Final actions[\s\S]*\| \*\*allegations counted \(once each\)\*\* \|/);
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
    expect(victims[0]).toBe('# Victims by sex and age group, third quarter of 2016 (July to September)');
    const table = victims.filter((l) => !l.startsWith('# '));
    expect(table[0]).toBe('group,victims');
    expect(table[1]).toMatch(/^women,\d+$/);
    // Each source's data version and answer time, and the entities that have not closed the quarter.
    expect(victims).toContainEqual(
      expect.stringMatching(
        /^# Sources: peacekeeping operations[^;]* data version \d+, answered \S+; .*NOT SUBMITTED: .*MINUSCA \(2016Q3\)/,
      ),
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
    ]);
    expect(table('trend-by-source').rows).toContainEqual([2017, 'non-UN forces under a Security Council mandate', 1]);
    expect(table('trend').notices).toEqual([
      'All 402 records counted here are SYNTHETIC reference data: no record describes a real case. They were generated to add up to the published totals for 2015-2017 (UN Secretary-General reports), which are real.',
    ]);
    // No cell withheld or suppressed (the final action 'payments withheld' is a label, not a withheld cell).
    expect(JSON.stringify(json)).not.toMatch(/suppressed|"withheld"|null/);
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
    const expected = [...new Set(referred.map((r) => r.nationality as string))]
      .map((n) => {
        const mine = referred.filter((r) => r.nationality === n);
        return [
          nationalityLabel(n),
          mine.length,
          ...responses.map((x) => mine.filter((r) => r.memberStateReferral?.response === x).length),
        ];
      })
      .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    expect(expected[0]?.[0]).toMatch(/^[A-Z][a-z].* \([A-Z]{3}\)$/);
    expect(referred.length).toBeGreaterThan(10);
    expect(table.rows).toEqual([
      ...expected,
      ['total', referred.length, ...responses.map((x) => referred.filter((r) => r.memberStateReferral?.response === x).length)],
    ]);
  });

  it('counts a joint investigation under each of its entities in the annex, and says the rows count pairs', () => {
    run(['--year', '2016', '--format', 'json', '--out', out('investigators')], reportAuthor);
    const json = JSON.parse(readFileSync(join(out('investigators'), 'annex-2016.json'), 'utf8'));
    const table = json.tables.find((x: { id: string }) => x.id === 'by-investigating-entity');
    const year = reference.filter((r) => r.reported.startsWith('2016-'));
    const pairs = year.flatMap((r) =>
      r.investigatingEntities.length ? r.investigatingEntities.map((e) => LABELS.InvestigatingEntity[e]) : ['not yet assigned'],
    );
    const rows = new Map((table.rows as Array<[string, number]>).slice(0, -1));
    expect(rows).toEqual(pairs.reduce((m, e) => m.set(e, (m.get(e) ?? 0) + 1), new Map<string, number>()));
    expect(table.rows.at(-1)).toEqual(['allegations counted (once each)', 165]);
    const joint = year.filter((r) => r.investigatingEntities.length > 1).length;
    expect(joint).toBeGreaterThan(0);
    expect([...rows.values()].reduce((s, n) => s + n, 0)).toBe(165 + joint);
    expect(table.title).toMatch(/allegation-entity pairs/);
  });

  it('writes the 2016Q4 quarterly update exactly as the records add up, byte-identical on rerun', () => {
    const first = run(['--quarter', '2016Q4', '--format', 'quarterly', '--out', out('q1')], reportAuthor);
    run(['--quarter', '2016Q4', '--format', 'quarterly', '--out', out('q2')], reportAuthor);
    expect(first.status).toBe(0);
    const md = readFileSync(join(out('q1'), 'quarterly-2016Q4.md'), 'utf8');
    // Identical but for the times the sources answered, which each run states (issue 13); an
    // edition regenerated with --as-of keeps its own (test/provenance.test.ts).
    const answered = / answered \S+?(?=[;.] )/g;
    expect(md.match(answered)?.length).toBeGreaterThan(0);
    expect(readFileSync(join(out('q2'), 'quarterly-2016Q4.md'), 'utf8').replace(answered, '')).toBe(md.replace(answered, ''));
    const q = reference.filter(inQuarter);
    const n = (p: (r: (typeof q)[number]) => boolean) => q.filter(p).length;
    expect(md).toContain(
      `| UN personnel | ${n((r) => r.source !== Source.NON_UN_FORCES && r.personnelCategory !== 'IMPLEMENTING_PARTNER')} |`,
    );
    expect(md).toContain(`| implementing partners | ${n((r) => r.personnelCategory === 'IMPLEMENTING_PARTNER')} |`);
    expect(md).toContain(`| non-UN forces | ${n((r) => r.source === Source.NON_UN_FORCES)} |`);
    expect(md).toContain(`| **total** | **${q.length}** |`);
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
      expect(md.match(/INCOMPLETE: NON_UN_FORCES did not answer; figures cover/g)).toHaveLength(1 + 14);
      expect(md).toContain('| **total** | **145** |');
    } finally {
      await t.hub.startSource('non-un-forces');
    }
  });
});
