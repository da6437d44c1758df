import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { Browser, Page } from 'playwright-core';
import { Role } from '@psea/contract';
import { exportColumns } from '@psea/subgraph-kit';
import { launchChromium } from './support/browser';
import { psea } from './support/psea';
import { TestHub, postGraphQL, startTestHub } from './support/test-hub';

/**
 * Real records next to the reference data: every output must state the mix exactly, and with
 * only real records none may mention synthetic data or the published totals.
 */
describe('notices computed from the data: real records, then real and synthetic mixed', () => {
  let t: TestHub;
  let dir: string;
  let browser: Browser;
  let token: string;
  const REAL = 20;

  const env = (source: string) => {
    const prefix = source.toUpperCase().replace(/-/g, '_');
    return {
      [`${prefix}_DATABASE_URL`]: t.hub.source(source).databaseUrl,
      SCREENING_KEY_FILE: t.hub.keys.screeningKey,
      [`${prefix}_PSEUDONYM_KEY_FILE`]: t.hub.source(source).pseudonymKeyFile,
    };
  };

  beforeAll(async () => {
    // Empty databases: the only records are the real ones this test loads.
    // A generous source timeout: the annex asks 13 views at once, and a loaded machine must not
    // turn this test about notices into one about timeouts.
    t = await startTestHub({ env: { SEED_REFERENCE_DATA: 'never', SOURCE_TIMEOUT_MS: '30000' } });
    dir = mkdtempSync(join(tmpdir(), 'psea-honest-'));
    token = await t.token({ role: Role.REPORT_AUTHOR });
    ({ browser } = await launchChromium());
    const columns = exportColumns(false);
    const rows = Array.from({ length: REAL }, (_, i) => {
      const row: Record<string, string> = {
        reference: `REAL-2016-${String(i + 1).padStart(2, '0')}`,
        entity: 'UNHCR',
        reported: `2016-${String((i % 12) + 1).padStart(2, '0')}`,
        allegation_type: i % 2 ? 'SA' : 'SE',
        personnel_category: 'STAFF',
        status: 'UNDER_INVESTIGATION',
        paternity: 'NONE',
        criminal_referral: 'false',
      };
      return columns.map((c) => row[c] ?? '').join(',');
    });
    const file = join(dir, 'real.csv');
    writeFileSync(file, `${columns.join(',')}\n${rows.join('\n')}\n`);
    const result = psea(['ingest', '--source', 'agencies', file], env('agencies'));
    expect(result.stdout).toMatch(new RegExp(`${REAL} inserted`));
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await t?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const statistics = () =>
    postGraphQL<any>(
      t.hub.gatewayUrl,
      '{ allegationStatistics(filter: { year: 2016 }, groupBy: [SOURCE]) { total { allegations syntheticAllegations } notices } }',
      undefined,
      token,
    );

  function report(format: string, name: string): string[] {
    const out = join(dir, name);
    const result = psea([
      'report',
      '--url',
      t.hub.gatewayUrl,
      '--token',
      token,
      '--year',
      '2016',
      '--format',
      format,
      '--out',
      out,
      '--produced-at',
      '2026-11-30T12:00:00Z',
    ]);
    expect(result.stderr).toBe('');
    return readdirSync(out)
      .sort()
      .map((f) => readFileSync(join(out, f), 'utf8'));
  }

  async function dashboardCsv(): Promise<string> {
    const page: Page = await browser.newPage({ acceptDownloads: true });
    try {
      await page.goto(`${new URL(t.hub.gatewayUrl).origin}/dashboard/`);
      await page.fill('#token', token);
      await page.click('#signin button');
      await page.waitForSelector('body[data-ready="true"]');
      await page.selectOption('#period', '2016');
      await page.waitForSelector('body[data-ready="true"]');
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#panel-entities .download')]);
      return readFileSync((await download.path()) as string, 'utf8');
    } finally {
      await page.close();
    }
  }

  it('with only real records, no output mentions synthetic data or the published totals', async () => {
    const { data } = await statistics();
    expect(data.allegationStatistics.total).toEqual({ allegations: REAL, syntheticAllegations: 0 });
    expect(data.allegationStatistics.notices).toEqual([]);
    const outputs = [
      ...report('md', 'real-md'),
      ...report('csv', 'real-csv'),
      ...report('json', 'real-json'),
      await dashboardCsv(),
    ];
    expect(outputs.length).toBe(1 + 14 + 1 + 1);
    for (const text of outputs) {
      expect(text).not.toMatch(/synthetic|published totals|reference data/i);
      expect(text).toContain('2016');
    }
  }, 120_000);

  it('with reference data loaded next to them, every output states the mix exactly', async () => {
    for (const source of ['peacekeeping', 'non-un-forces']) {
      const seeded = psea(['seed', '--source', source], env(source));
      expect(seeded.status).toBe(0);
    }
    // 2016 in the reference dataset: 103 in peacekeeping, 20 for non-UN forces; agencies holds only the real rows.
    const mix = `123 of the ${123 + REAL} records counted here are SYNTHETIC reference data (not real cases); the other ${REAL} are real records. These figures are not the UN's published totals.`;
    const { data } = await statistics();
    expect(data.allegationStatistics.total).toEqual({ allegations: 123 + REAL, syntheticAllegations: 123 });
    expect(data.allegationStatistics.notices).toEqual([mix]);

    const md = report('md', 'mix-md')[0] as string;
    expect(md).toContain(`> ${mix}`);
    // The document's own notice no longer cites the published totals: its 2016 figures are not them.
    expect(md.slice(0, md.indexOf('## '))).not.toMatch(/published totals for/);
    // The uniformed-personnel tables count the peacekeeping and non-UN forces' records only: all synthetic.
    expect(md).toMatch(/All \d+ records counted here are SYNTHETIC/);

    const csvs = report('csv', 'mix-csv');
    expect(csvs).toHaveLength(14);
    for (const csv of csvs) {
      // The provenance is in `#` comment lines that a CSV reader skips; the table parses as before.
      const lines = csv.split('\n');
      expect(lines[0]).toMatch(/^# .*2016/);
      expect(csv).toMatch(/^# Period: 2016\. Counts: /m);
      expect(csv).toMatch(/^# Produced 30 November 2026, 12:00 UTC/m);
      expect(csv).toMatch(/^# Complete: every source answered/m);
      expect(csv).toMatch(/^# (\d+ of the \d+|All \d+) records counted here are SYNTHETIC/m);
      const table = parse(csv, { comment: '#', columns: true }) as Array<Record<string, string>>;
      expect(table.length).toBeGreaterThan(0);
    }
    expect(csvs.find((c) => c.startsWith('# Allegations by source,'))).toContain(`# ${mix}`);

    const [json] = report('json', 'mix-json');
    const annex = JSON.parse(json as string);
    expect(annex.notices).toEqual([mix]);
    expect(annex.tables.find((x: { id: string }) => x.id === 'by-source').notices).toEqual([mix]);
    expect(annex.tables.every((x: { notices: string[]; filter: string }) => x.notices.length === 1 && x.filter)).toBe(true);

    const download = await dashboardCsv();
    expect(download).toContain(`# ${mix}`);
    expect(download).toMatch(/^# Period: 2016/m);
    expect(download).toMatch(/^# Produced \d+ \w+ \d{4}, \d\d:\d\d UTC/m);
    expect(download).toMatch(/^# Complete: every source answered/m);
    expect(parse(download, { comment: '#', columns: true })).toContainEqual({
      source: 'UN agencies, funds and programmes (with implementing partners)',
      entity: 'UNHCR',
      name: 'Office of the UN High Commissioner for Refugees',
      allegations: String(REAL),
    });
  }, 180_000);
});
