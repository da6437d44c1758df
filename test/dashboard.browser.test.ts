import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser } from 'playwright-core';
import { exportColumns } from '@psea/subgraph-kit';
import { psea } from './support/psea';
import { Role } from '@psea/contract';
import { launchChromium } from './support/browser';
import { ROOT_DIR, TestHub, postGraphQL, startTestHub } from './support/test-hub';

const ARTIFACTS = join(ROOT_DIR, 'test-artifacts');

describe('the dashboard and GraphiQL, in a real browser', () => {
  let t: TestHub;
  let browser: Browser;
  let origin: string;
  let token: string;
  const outside: string[] = [];

  // Seven engineers share two cores: a browser step or a cold source may take a while.
  jest.setTimeout(120_000);

  beforeAll(async () => {
    t = await startTestHub({ env: { SOURCE_TIMEOUT_MS: '30000' } });
    origin = new URL(t.hub.gatewayUrl).origin;
    token = await t.token({ role: Role.REPORT_AUTHOR });
    // The hub's pages must work with no internet; the browser comes from the lockfile.
    ({ browser } = await launchChromium());
    mkdirSync(ARTIFACTS, { recursive: true });
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  async function openDashboard() {
    const page = await browser.newPage({ acceptDownloads: true, viewport: { width: 1400, height: 1100 } });
    page.on('request', (request) => {
      if (!request.url().startsWith(origin) && !request.url().startsWith('blob:') && !request.url().startsWith('data:'))
        outside.push(request.url());
    });
    await page.goto(`${origin}/dashboard`);
    await page.fill('#token', token);
    await page.click('#signin button');
    await page.waitForSelector('body[data-ready="true"]');
    return page;
  }

  /** The dashboard's first view, behind whichever router serves it. */
  async function showsTheTotalOf165(screenshot: string): Promise<void> {
    const page = await openDashboard();
    expect(await page.getAttribute('body', 'data-total')).toBe('165');
    expect(await page.isVisible('#banner-synthetic')).toBe(true);
    expect(await page.isVisible('#banner-incomplete')).toBe(false);
    expect(await page.textContent('#banner-provenance')).toMatch(
      /^Data: PEACEKEEPING data version \d+ \(answered 20\d\d-[^)]+\); AGENCIES data version \d+ .*NON_UN_FORCES data version \d+ .* Not yet submitted: .*MINUSCA \(2016Q1, 2016Q2, 2016Q3, 2016Q4\)/,
    );
    expect(await page.$$eval('#panels canvas', (c) => c.length)).toBe(6);
    // Every panel says where its own figures came from, under them.
    const captions = await page.$$eval('#panels section p.provenance', (p) => p.map((x) => x.textContent ?? ''));
    expect(captions).toHaveLength(6);
    for (const caption of captions)
      expect(caption).toMatch(/^Data: PEACEKEEPING data version \d+ \(answered 20\d\d-[^)]+\); AGENCIES data version \d+/);
    expect(await page.textContent('#panel-entities p.provenance')).toMatch(
      /Not yet submitted: .*MINUSCA \(2016Q1, 2016Q2, 2016Q3, 2016Q4\)/,
    );
    await page.screenshot({ path: join(ARTIFACTS, screenshot), fullPage: true });
    expect(outside).toEqual([]);
    await page.close();
  }

  it('shows the 2016 total of 165, with the synthetic-data banner, and keeps a screenshot', () =>
    showsTheTotalOf165('dashboard.png'));

  it('changes the chart and the table when a filter changes', async () => {
    const page = await openDashboard();
    const chartData = () =>
      page.evaluate(() => {
        const canvas = document.querySelector('#panel-entities canvas') as HTMLCanvasElement;
        return (
          window as unknown as { Chart: { getChart(c: HTMLCanvasElement): { data: { labels: string[] } } } }
        ).Chart.getChart(canvas).data.labels;
      });
    const before = await chartData();
    const rowsBefore = await page.$$eval('#panel-entities tbody tr', (r) => r.length);
    await page.selectOption('#source', 'AGENCIES');
    await page.waitForSelector('body[data-total="42"]');
    const after = await chartData();
    expect(after).not.toEqual(before);
    expect(
      await page.$$eval('#panel-entities tbody tr td:first-child', (c) => [...new Set(c.map((x) => x.textContent))]),
    ).toEqual(['UN agencies, funds and programmes (with implementing partners)']);
    expect(await page.$$eval('#panel-entities tbody tr', (r) => r.length)).toBeLessThan(rowsBefore);
    // The entity list is narrowed to the chosen source: no choice can give a silently empty chart.
    const entities = await page.$$eval('#entity option', (o) => o.map((x) => (x as HTMLOptionElement).value));
    expect(entities).toEqual(['', ...after]);
    expect(entities).not.toContain('MINUSCA');
    await page.selectOption('#entity', 'UNHCR');
    await page.waitForSelector('body[data-ready="true"][data-total]');
    await page.selectOption('#source', 'PEACEKEEPING');
    await page.waitForSelector('body[data-total="103"]');
    expect(await page.inputValue('#entity')).toBe('');
    await page.close();
  });

  it('shows who is signed in and as what role, and never says signed in when the token is refused', async () => {
    const page = await openDashboard();
    expect(await page.textContent('#who')).toBe('Signed in as dev-report-author, role: report author.');
    expect(await page.isVisible('#banner-error')).toBe(false);
    const refused = await browser.newPage();
    const errors: string[] = [];
    await refused.goto(`${origin}/dashboard/`);
    expect(await refused.getAttribute('#banner-signin', 'class')).toBe('banner info');
    expect(await refused.isVisible('#banner-signin')).toBe(true);
    expect(await refused.isVisible('#banner-error')).toBe(false);
    refused.on('pageerror', (e) => errors.push(e.message));
    await refused.fill('#token', 'not.a.token');
    await refused.click('#signin button');
    await refused.waitForSelector('body[data-signin="refused"]');
    expect(await refused.textContent('#who')).toBe('Not signed in.');
    expect(await refused.textContent('#banner-error')).toMatch(/^The token was refused: .*malformed/i);
    expect(await refused.textContent('body')).not.toMatch(/signed in as/i);
    expect(errors).toEqual([]);
    await refused.close();
    await page.close();
  });

  it('downloads CSV equal to what the API returns, with its provenance in comment lines', async () => {
    const page = await openDashboard();
    await page.selectOption('#period', '2016');
    await page.waitForSelector('body[data-ready="true"][data-total="165"]');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#panel-status .download')]);
    const text = readFileSync((await download.path()) as string, 'utf8');
    const comments = text.split('\n').filter((l) => l.startsWith('# '));
    expect(comments[0]).toBe('# Investigation status');
    expect(comments[1]).toBe('# Period: 2016. Filters: none (every source, entity, type and category).');
    expect(comments[2]).toMatch(/^# Produced \d+ \w+ \d{4}, \d\d:\d\d UTC \(\d{4}-\d\d-\d\dT/);
    expect(comments[3]).toBe('# Complete: every source answered.');
    expect(comments[4]).toMatch(/^# All 165 records counted here are SYNTHETIC .*published totals for 2016/);
    const csv = text
      .trim()
      .split('\n')
      .filter((l) => !l.startsWith('#'));
    const { data } = await postGraphQL<any>(
      t.hub.gatewayUrl,
      '{ allegationStatistics(filter: { year: 2016 }, groupBy: [INVESTIGATION_STATUS]) { rows { key { investigationStatus } counts { allegations } } } }',
      undefined,
      token,
    );
    const words = (
      await page.evaluate(
        () => (window as unknown as { PSEA_LABELS: { enums: Record<string, Record<string, string>> } }).PSEA_LABELS.enums,
      )
    )['InvestigationStatus'] as Record<string, string>;
    expect(words['CLOSED_OTHER']).toBe('closed under other circumstances');
    expect(csv).toEqual([
      'status,allegations',
      ...data.allegationStatistics.rows.map((r: any) => `${words[r.key.investigationStatus]},${r.counts.allegations}`),
    ]);
    expect(csv.join('\n')).not.toMatch(/SUBSTANTIATED|UNDER_INVESTIGATION/);
    await page.close();
  });

  it('treats values from the sources as text, and neutralises formulas in its CSV downloads', async () => {
    const page = await browser.newPage();
    const hostile = '<img src=x onerror="window.__pwned=1">';
    // A source answering with markup where an entity code belongs.
    await page.route('**/graphql', (route) =>
      /groupBy: \[SOURCE, ENTITY\]/.test(route.request().postData() ?? '')
        ? route.fulfill({
            json: { data: { allegationStatistics: { rows: [{ key: { source: 'AGENCIES', entity: hostile } }] } } },
          })
        : route.continue(),
    );
    await page.goto(`${origin}/dashboard`);
    await page.fill('#token', token);
    await page.click('#signin button');
    await page.waitForSelector('body[data-ready="true"]');
    expect(await page.$$eval('#entity option', (o) => o.map((x) => x.textContent))).toEqual(['all', `${hostile} (${hostile})`]);
    expect(await page.$$('#entity img')).toHaveLength(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    const csv = await page.evaluate(() =>
      (window as unknown as { PSEA_DASHBOARD: { csv(rows: unknown[][]): string } }).PSEA_DASHBOARD.csv([
        ['entity', 'allegations'],
        ['=HYPERLINK("x")', 3],
        ['@SUM(A1)', -1],
      ]),
    );
    expect(csv).toBe(`entity,allegations\n"'=HYPERLINK(""x"")",3\n'@SUM(A1),-1\n`);
    await page.close();
  });

  it('draws the timeliness and the referrals panels from the API, counts on axes that start at zero', async () => {
    const page = await openDashboard();
    const { data } = await postGraphQL<any>(
      t.hub.gatewayUrl,
      `{ allegationStatistics(filter: { year: 2016 }, groupBy: [MEMBER_STATE_RESPONSE]) { total { allegationsReferredToMemberState
          timeliness { medianInvestigationDays openUnder3Months open3To6Months open6To12Months openOver12Months openOverTarget } }
          rows { key { memberStateResponse } counts { allegations } } timelinessTargets { days urgentDays } } }`,
      undefined,
      token,
    );
    const s = data.allegationStatistics;
    const cells = (panel: string) =>
      page.$$eval(`#panel-${panel} tbody tr`, (rows) => rows.map((r) => Array.from(r.children).map((c) => c.textContent)));
    const t16 = s.total.timeliness;
    expect((await cells('timeliness')).map((r) => Number(r[1]))).toEqual([
      t16.openUnder3Months,
      t16.open3To6Months,
      t16.open6To12Months,
      t16.openOver12Months,
      t16.openOverTarget,
    ]);
    expect(await page.textContent('#panel-timeliness h2')).toContain(`median ${t16.medianInvestigationDays} days`);
    // The targets are the deployment's, as the API states them (the UN's here: none configured).
    expect(s.timelinessTargets).toEqual({ days: 180, urgentDays: 90 });
    expect((await cells('timeliness')).at(-1)?.[0]).toBe('open beyond the target (180 days; 90 involving minors)');
    const responses = s.rows.filter((r: any) => r.key.memberStateResponse !== null);
    expect(responses.length).toBeGreaterThan(0);
    expect(await cells('referrals')).toEqual(
      responses.map((r: any) => [
        {
          NONE: 'no response',
          ACKNOWLEDGED: 'acknowledged',
          INVESTIGATING: 'investigating',
          OUTCOME_REPORTED: 'outcome reported',
        }[r.key.memberStateResponse as string],
        String(r.counts.allegations),
      ]),
    );
    expect(await page.textContent('#panel-referrals h2')).toContain(
      `Referred to Member States: ${s.total.allegationsReferredToMemberState}`,
    );
    const axes = await page.evaluate(() =>
      ['trend', 'entities', 'timeliness'].map((id) => {
        const canvas = document.querySelector(`#panel-${id} canvas`) as HTMLCanvasElement;
        const chart = (window as unknown as { Chart: { getChart(c: HTMLCanvasElement): any } }).Chart.getChart(canvas);
        const ticks = chart.scales.y.ticks.map((t: { value: number }) => t.value);
        return [chart.scales.y.min, ticks.every((v: number) => Number.isInteger(v))];
      }),
    );
    expect(axes).toEqual([
      [0, true],
      [0, true],
      [0, true],
    ]);
    await page.close();
  });

  it('offers the periods the sources hold, a year loaded later included', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'psea-dashboard-'));
    try {
      const columns = exportColumns(false);
      const row: Record<string, string> = {
        reference: 'DASH-2019-1',
        entity: 'UNHCR',
        reported: '2019-05',
        allegation_type: 'SA',
        personnel_category: 'STAFF',
        status: 'UNDER_INVESTIGATION',
        paternity: 'NONE',
        criminal_referral: 'false',
      };
      const file = join(dir, 'late.csv');
      writeFileSync(file, `${columns.join(',')}\n${columns.map((c) => row[c] ?? '').join(',')}\n`);
      const result = psea(['ingest', '--source', 'agencies', file], {
        AGENCIES_DATABASE_URL: t.hub.source('agencies').databaseUrl,
        SCREENING_KEY_FILE: t.hub.keys.screeningKey,
        AGENCIES_PSEUDONYM_KEY_FILE: t.hub.source('agencies').pseudonymKeyFile,
      });
      expect(result.stdout).toMatch(/1 inserted/);
      const page = await openDashboard();
      const options = await page.$$eval('#period option', (o) => o.map((x) => (x as HTMLOptionElement).value));
      expect(options).toEqual(expect.arrayContaining(['2015', '2016', '2017', '2016Q4', '2019', '2019Q2']));
      expect(options).not.toContain('2018');
      expect(await page.$$eval('#personnelCategory option', (o) => o.map((x) => x.textContent))).toContain(
        'military (contingent)',
      );
      await page.selectOption('#period', '2019');
      await page.waitForSelector('body[data-total="1"]');
      const trendLabels = await page.evaluate(() => {
        const canvas = document.querySelector('#panel-trend canvas') as HTMLCanvasElement;
        return (window as unknown as { Chart: { getChart(c: HTMLCanvasElement): any } }).Chart.getChart(canvas).data.labels;
      });
      // Every year from the first to the last, the empty 2018 included with 0.
      expect(trendLabels).toEqual(['2015', '2016', '2017', '2018', '2019']);
      expect(await page.$$eval('#panel-trend tbody tr', (r) => r.map((x) => x.textContent))).toContain('20180');
      await page.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('shows the incomplete banner when a source is stopped', async () => {
    await t.hub.stopSource('agencies');
    try {
      const page = await openDashboard();
      expect(await page.isVisible('#banner-incomplete')).toBe(true);
      expect(await page.textContent('#banner-incomplete')).toMatch(/AGENCIES did not answer/);
      expect(await page.getAttribute('body', 'data-total')).toBe('123');
      await page.screenshot({ path: join(ARTIFACTS, 'dashboard-incomplete.png'), fullPage: true });
      await page.close();
    } finally {
      await t.hub.startSource('agencies');
    }
  });

  /** GraphiQL from the router's own files: signed in once, both example tabs run. */
  async function graphiqlRunsBothTabs(screenshot: string): Promise<void> {
    const page = await browser.newPage();
    const requests: string[] = [];
    const consoleErrors: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    await page.goto(`${origin}/graphql`, { waitUntil: 'networkidle' });
    expect(page.url()).toBe(`${origin}/graphiql/`);
    await page.waitForSelector('.graphiql-container');
    const coordinator = await t.token({ role: Role.COORDINATOR });
    await page.fill('#token', coordinator);
    await page.click('#signin button');
    await page.waitForSelector('body[data-signed-in="coordinator"]');
    expect(await page.textContent('#who')).toMatch(/^Signed in as .*, role: coordinator\.$/);
    const tabs = await page.$$eval('.graphiql-tab-button', (t) => t.map((x) => x.textContent?.trim()));
    expect(tabs).toEqual(['StatisticsBySource2016', 'CasePageMinusca2016']);
    // The schema was fetched with the token: the documentation explorer shows the root fields.
    await page.click('[aria-label="Show Documentation Explorer"]');
    await page.waitForSelector('.graphiql-doc-explorer >> text=Query');
    const run = async (tab: number) => {
      await page.click(`.graphiql-tab >> nth=${tab}`);
      // The tab's own document in the editor before running it (a click faster than the switch
      // would send the other tab's operation name).
      const name = tabs[tab] as string;
      await page.waitForFunction(
        (n) => (document.querySelector('.graphiql-query-editor')?.textContent ?? '').includes(`query ${n}`),
        name,
      );
      await page.click('.graphiql-execute-button');
      await page.waitForFunction(() => /"data"|"errors"/.test(document.querySelector('.result-window')?.textContent ?? ''));
      return (await page.textContent('.result-window')) ?? '';
    };
    const first = await run(0);
    expect(first).toMatch(/"allegations": 165/);
    const second = await run(1);
    expect(second).toMatch(/"id": "peacekeeping:\d+"/);
    expect(second).not.toMatch(/UNAUTHENTICATED|"errors"/);
    expect(consoleErrors).toEqual([]);
    expect(requests.filter((u) => !u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:'))).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, screenshot) });
    await page.close();
  }

  it('serves GraphiQL from its own files: sign in once, both named example tabs run, no console error', () =>
    graphiqlRunsBothTabs('graphiql.png'));

  // Last: the routing tier is swapped for Hive Gateway, which must serve the same pages.
  describe('behind Hive Gateway', () => {
    beforeAll(async () => {
      await t.hub.useTopology('hive');
      origin = new URL(t.hub.gatewayUrl).origin;
    }, 180_000);

    it('serves the dashboard, which shows the 2016 total of 165', () => showsTheTotalOf165('dashboard-hive.png'));

    it('serves GraphiQL, whose example tabs run through Hive Gateway', () => graphiqlRunsBothTabs('graphiql-hive.png'));
  });
});
