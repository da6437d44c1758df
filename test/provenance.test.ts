import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGatewayTokenSigner, ensureReportSigningKey, readPrivateKey } from '@psea/auth';
import { Role, Source, decodeScopeAs, decodeStatisticsContribution, encodeScope, sourceLabel } from '@psea/contract';
import { CROSS_SOURCE_SUBJECTS } from '@psea/reference-data';
import { Client } from 'pg';
import { sql } from './support/database';
import { psea } from './support/psea';
import { TestHub, counter, postGraphQL, startTestHub } from './support/test-hub';

const PROVENANCE = `{ allegationStatistics(filter: { quarter: "2016Q4", sources: [PEACEKEEPING] }, groupBy: [ENTITY]) {
  total { allegations } provenance { source status dataVersion answeredAt }
  unsubmittedEntities { entity quarters } submissions { entity quarter closed dataVersion } notices } }`;

// Each test runs the psea command several times, each in its own process.
jest.setTimeout(300_000);

/** A source as the report writes it (its label), escaped for a regular expression. */
const label = (source: string) => sourceLabel(source).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const PK = sourceLabel('PEACEKEEPING');

describe('provenance: data versions, submitted periods, editions', () => {
  let t: TestHub;
  let dir: string;
  let env: Record<string, string>;
  let reportAuthor: string;
  const pk = () => t.hub.source('peacekeeping');
  const out = (name: string) => join(dir, name);
  const period = (action: string, entity: string, quarter = '2016Q4', extra: Record<string, string> = {}) =>
    psea(['period', action, '--source', 'peacekeeping', '--entity', entity, '--quarter', quarter], { ...env, ...extra });
  const report = (args: string[], token = reportAuthor) =>
    psea(['report', '--url', t.hub.gatewayUrl, '--token', token, '--produced-at', '2026-11-30T12:00:00Z', ...args], env);

  /**
   * A query after the psea command kept the test busy for a while: the gateway may have closed
   * the idle keep-alive connections fetch is about to reuse, which fails the POST on each.
   */
  const gql = async (query: string, variables?: Record<string, unknown>, token?: string) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await t.gql(query, variables, token);
      } catch (error) {
        // Each idle connection of the pool may have been closed: at most one try per socket (the
        // pool holds as many as the suite's requests ever ran at once; a dozen is ample).
        // By name: undici's TypeError is of Node's realm, not of the test's (instanceof is false).
        if ((error as Error)?.name !== 'TypeError' || attempt === 12) throw error;
        // A turn of the event loop first, so that the closes already received are seen.
        await new Promise((resolve) => setTimeout(resolve, 250 * attempt));
      }
    }
  };

  beforeAll(async () => {
    // Sources answer slowly on a loaded machine: an edition needs them all.
    t = await startTestHub({ env: { SOURCE_TIMEOUT_MS: '60000' } });
    dir = mkdtempSync(join(tmpdir(), 'psea-provenance-'));
    const keys = ensureReportSigningKey({ dir: join(dir, 'keys') });
    env = {
      PEACEKEEPING_DATABASE_URL: pk().databaseUrl,
      PEACEKEEPING_OWNER_DATABASE_URL: pk().ownerDatabaseUrl as string,
      SCREENING_KEY_FILE: t.hub.keys.screeningKey,
      PEACEKEEPING_PSEUDONYM_KEY_FILE: pk().pseudonymKeyFile,
      REPORT_SIGNING_KEY_FILE: keys.privateKey,
      REPORT_SIGNING_PUBLIC_KEY_FILE: keys.publicKey,
    };
    reportAuthor = await t.token({ role: Role.REPORT_AUTHOR });
  }, 300_000);
  afterAll(async () => {
    await t?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("carries each source's data version and answer time in a statistics answer; a write by the entity's own system moves it", async () => {
    const before = Date.now();
    const { data } = await gql(PROVENANCE);
    const [line] = data.allegationStatistics.provenance;
    expect(line).toMatchObject({ source: 'PEACEKEEPING', status: 'OK' });
    expect(line.dataVersion).toMatch(/^\d+$/);
    expect(Date.parse(line.answeredAt)).toBeGreaterThanOrEqual(before - 1000);
    const excluded = data.allegationStatistics.provenance.filter((p: { source: string }) => p.source !== 'PEACEKEEPING');
    expect(excluded.every((p: { status: string; dataVersion: null }) => p.status === 'EXCLUDED' && p.dataVersion === null)).toBe(
      true,
    );
    // A write that does not go through the hub (the owner, as the entity's own system would).
    await sql(
      pk().ownerDatabaseUrl as string,
      'UPDATE allegation SET perpetrators = perpetrators WHERE id = (SELECT min(id) FROM allegation)',
    );
    const again = await gql(PROVENANCE);
    expect(BigInt(again.data.allegationStatistics.provenance[0].dataVersion)).toBeGreaterThan(BigInt(line.dataVersion));
  });

  it('reports every entity of the period as not submitted until its IT team closes it, audited, and re-runs change nothing', async () => {
    const open = (await gql(PROVENANCE)).data.allegationStatistics;
    expect(open.unsubmittedEntities.map((u: { entity: string }) => u.entity)).toContain('MINUSCA');
    // Said by its own field (and the report's footers), not repeated among the notices.
    expect(open.notices.join(' ')).not.toMatch(/Not yet submitted/);

    const closed = period('close', 'MINUSCA');
    expect(closed.stderr).toBe('');
    expect(closed.stdout).toMatch(/peacekeeping: MINUSCA 2016Q4 closed at data version \d+ \(audited\)/);
    expect(period('close', 'MINUSCA').stdout).toMatch(/was already closed .*nothing changed/);
    expect(period('close', 'MONUSCO').status).toBe(0);

    const after = (await gql(PROVENANCE)).data.allegationStatistics;
    const entities = after.unsubmittedEntities.map((u: { entity: string }) => u.entity);
    expect(entities).not.toContain('MINUSCA');
    expect(entities).not.toContain('MONUSCO');
    expect(entities).toContain('UNMISS');
    expect(after.submissions).toContainEqual(expect.objectContaining({ entity: 'MINUSCA', quarter: '2016Q4', closed: true }));

    const audit = await sql(
      pk().ownerDatabaseUrl as string,
      "SELECT operation, role, subject, scope FROM audit_log WHERE operation LIKE 'period-%' ORDER BY id",
    );
    expect(audit).toHaveLength(2);
    expect(audit[0]).toMatchObject({
      operation: 'period-close',
      scope: expect.objectContaining({ entity: 'MINUSCA', quarter: '2016Q4' }),
    });
    expect(String(audit[0]?.['role'])).toMatch(/_owner$/);

    expect(period('reopen', 'MONUSCO').stdout).toMatch(/MONUSCO 2016Q4 open/);
    expect(period('close', 'MONUSCO').status).toBe(0);
  });

  it('lets only the owner of the source database close a period: the serving role, bad input and no owner URL are refused', async () => {
    await expect(
      sql(
        pk().databaseUrl,
        "INSERT INTO period_submission (entity, quarter, closed, changed_by, data_version) VALUES ('UNMISS', '2016Q4', true, 'x', 0)",
      ),
    ).rejects.toThrow(/permission denied/);
    await expect(sql(pk().databaseUrl, 'DELETE FROM record_history')).rejects.toThrow(/permission denied/);
    await expect(sql(pk().databaseUrl, 'UPDATE record_history SET valid_to = 0')).rejects.toThrow(/permission denied/);
    const noOwner = period('close', 'UNMISS', '2016Q4', { PEACEKEEPING_OWNER_DATABASE_URL: '' });
    expect(noOwner.status).toBe(2);
    expect(noOwner.stderr).toMatch(/needs the owner's credentials .* set PEACEKEEPING_OWNER_DATABASE_URL/);
    expect(period('close', 'UNHCR').stderr).toMatch(/--entity must be an entity of peacekeeping, got "UNHCR"/);
    expect(period('close', 'UNMISS', '2016Q5').stderr).toMatch(/--quarter must look like 2016Q4/);
    const rows = await sql(pk().ownerDatabaseUrl as string, "SELECT * FROM period_submission WHERE entity = 'UNMISS'");
    expect(rows).toEqual([]);
  });

  it('flags in the annex, under every table and by entity, the entities that have not closed the quarter', () => {
    const result = report(['--quarter', '2016Q4', '--format', 'md', '--out', out('flags')]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const md = readFileSync(join(out('flags'), 'annex-2016Q4.md'), 'utf8');
    const footers =
      md.match(
        new RegExp(
          `^Sources: ${label('PEACEKEEPING')} data version \\d+, answered \\S+; ${label('AGENCIES')} data version \\d+, answered \\S+; ${label('NON_UN_FORCES')} data version \\d+, answered \\S+\\. NOT SUBMITTED: .*$`,
          'gm',
        ),
      ) ?? [];
    expect(footers).toHaveLength((md.match(/^## /gm) ?? []).length);
    const flagged = footers[0] as string;
    expect(flagged).toMatch(/UNMISS \(2016Q4\)/);
    expect(flagged).toMatch(/UNHCR \(2016Q4\)/);
    expect(flagged).not.toMatch(/MINUSCA|MONUSCO/);
    // The trend tables cover 2014 to 2016: their footers name what is open over that period.
    const trends = footers.filter((f) => /MINUSCA \(2014Q1 to 2016Q3\)/.test(f));
    expect(trends).toHaveLength(2);
    expect(footers.length - trends.length).toBeGreaterThan(8);
  });

  it('keeps the history of concurrent writes made outside the hub, in version order, and answers as of each version', async () => {
    const owner = pk().ownerDatabaseUrl as string;
    const query = `query($asOf: [SourceVersionInput!]) {
      allegationStatistics(filter: { year: 2016, entities: ["MINUSCA"] }, asOf: $asOf) { total { perpetrators } provenance { source dataVersion } } }`;
    const at = async (version?: string) => {
      const answer = await gql(query, { asOf: version ? [{ source: 'PEACEKEEPING', dataVersion: version }] : null });
      expect(answer.errors).toBeUndefined();
      return answer.data.allegationStatistics;
    };
    const before = await at();
    const v0 = BigInt(before.provenance[0].dataVersion);
    const items = (
      await gql('{ allegations(filter: { year: 2016, entities: ["MINUSCA"] }, first: 50) { items { id perpetrators } } }')
    ).data.allegations.items as Array<{ id: string; perpetrators: number | null }>;
    const [idA, idB] = items.filter((i) => i.perpetrators !== null).map((i) => Number(i.id.split(':')[1]));
    // Two systems of the entity write at once: the second waits for the first's data version.
    const a = new Client({ connectionString: owner });
    const b = new Client({ connectionString: owner });
    await Promise.all([a.connect(), b.connect()]);
    try {
      await a.query('BEGIN');
      await a.query('UPDATE allegation SET perpetrators = perpetrators + 1 WHERE id = $1', [idA]);
      await b.query('BEGIN');
      const second = b.query('UPDATE allegation SET perpetrators = perpetrators + 1 WHERE id = $1', [idB]);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await a.query('COMMIT');
      await second;
      await b.query('COMMIT');
    } finally {
      await Promise.all([a.end(), b.end()]);
    }
    const p = before.total.perpetrators as number;
    const now = await at();
    expect(now.provenance[0].dataVersion).toBe(String(v0 + 2n));
    expect(now.total.perpetrators).toBe(p + 2);
    expect((await at(String(v0))).total.perpetrators).toBe(p);
    expect((await at(String(v0 + 1n))).total.perpetrators).toBe(p + 1);
    expect((await at(String(v0 + 1n))).provenance[0].dataVersion).toBe(String(v0 + 1n));
    expect((await at(String(v0 + 2n))).total.perpetrators).toBe(p + 2);
  });

  describe('every consolidated answer carries its provenance', () => {
    const PROVENANCE_FIELDS = 'provenance { source status dataVersion answeredAt }';
    const statements = async (operation: string) =>
      counter(pk().process.metricsUrl as string, 'psea_sql_statements_total', { operation });
    const counts = async () =>
      Object.fromEntries(
        await Promise.all(
          ['page', 'lookup', 'screening', 'statistics', 'version'].map(async (o) => [o, await statements(o)] as const),
        ),
      ) as Record<string, number>;
    const delta = (a: Record<string, number>, b: Record<string, number>) =>
      Object.fromEntries(Object.keys(a).map((k) => [k, (b[k] as number) - (a[k] as number)]));
    const currentVersion = async () => (await gql(PROVENANCE)).data.allegationStatistics.provenance[0].dataVersion as string;
    const byVersion = (lines: Array<{ source: string; status: string; dataVersion: string | null }>) =>
      Object.fromEntries(lines.map((l) => [l.source, [l.status, l.dataVersion]]));

    it('states on a merged case page which data version of each source it was read at, in the one statement of the page', async () => {
      const version = await currentVersion();
      const before = await counts();
      const { data, errors } = await gql(
        `{ allegations(filter: { year: 2016 }, first: 7) { items { id } ${PROVENANCE_FIELDS} } }`,
      );
      expect(errors).toBeUndefined();
      const lines = data.allegations.provenance;
      expect(lines.map((l: { source: string }) => l.source)).toEqual(['PEACEKEEPING', 'AGENCIES', 'NON_UN_FORCES']);
      expect(byVersion(lines)['PEACEKEEPING']).toEqual(['OK', version]);
      for (const line of lines) {
        expect(line.dataVersion).toMatch(/^\d+$/);
        expect(Date.parse(line.answeredAt)).toBeGreaterThan(0);
      }
      // One statement for the page, version included; no statement of its own for the version.
      expect(delta(before, await counts())).toMatchObject({ page: 1, version: 0 });
    });

    it('states it on a lookup, for the sources asked, in the one statement of the lookup', async () => {
      const version = await currentVersion();
      const page = await gql('{ allegations(filter: { sources: [PEACEKEEPING] }, first: 1) { items { id } } }');
      const id = page.data.allegations.items[0].id;
      const before = await counts();
      const { data, errors } = await gql(`query($id: ID!) { allegation(id: $id) { allegation { id } ${PROVENANCE_FIELDS} } }`, {
        id,
      });
      expect(errors).toBeUndefined();
      expect(data.allegation.allegation.id).toBe(id);
      // The other sources were asked nothing: they read nothing, so they state no version.
      expect(byVersion(data.allegation.provenance)).toEqual({
        PEACEKEEPING: ['OK', version],
        AGENCIES: ['OK', null],
        NON_UN_FORCES: ['OK', null],
      });
      expect(delta(before, await counts())).toMatchObject({ lookup: 1, version: 0 });
    });

    it('states on a screening which sources answered and at which version, the same for a match and for no match', async () => {
      const screener = await t.token({ role: Role.SCREENER, subject: 'provenance-screener' });
      const matched = CROSS_SOURCE_SUBJECTS.find((s) => s.recorded[0]?.startsWith('UNINDEX:'));
      const subject = (unIndexNumber: string) =>
        gql(
          `query($s: SubjectInput!) { screen(subject: $s) { matched ${PROVENANCE_FIELDS} } }`,
          { s: { unIndexNumber } },
          screener,
        );
      const before = await counts();
      const hit = await subject((matched?.recorded[0] as string).split(':')[1] as string);
      const miss = await subject('7999999');
      expect(hit.errors).toBeUndefined();
      expect(miss.errors).toBeUndefined();
      expect(hit.data.screen.matched).toBe(true);
      expect(miss.data.screen.matched).toBe(false);
      const shape = (lines: Array<Record<string, unknown>>) => lines.map(({ answeredAt: _at, ...rest }) => rest);
      // Versions and statuses only: nothing in them depends on the person screened.
      expect(shape(miss.data.screen.provenance)).toEqual(shape(hit.data.screen.provenance));
      expect(Object.keys(hit.data.screen.provenance[0]).sort()).toEqual(['answeredAt', 'dataVersion', 'source', 'status']);
      expect(
        hit.data.screen.provenance.every(
          (l: { status: string; dataVersion: string }) => l.status === 'OK' && /^\d+$/.test(l.dataVersion),
        ),
      ).toBe(true);
      expect(delta(before, await counts())).toMatchObject({ screening: 2, version: 0 });
    });

    it('reads the data version of a statistic with its figures, and only the version on a cache hit', async () => {
      const query = `{ allegationStatistics(filter: { year: 2005 }, groupBy: [ENTITY]) { total { allegations } ${PROVENANCE_FIELDS} } }`;
      const before = await counts();
      const first = await gql(query);
      const miss = await counts();
      const second = await gql(query);
      const hit = await counts();
      expect(delta(before, miss)).toMatchObject({ statistics: 1, version: 1 });
      expect(delta(miss, hit)).toMatchObject({ statistics: 0, version: 1 });
      expect(second.data.allegationStatistics.provenance[0].dataVersion).toBe(
        first.data.allegationStatistics.provenance[0].dataVersion,
      );
    });

    it('asks the sources for the submission status only when the query selects it', async () => {
      const scopeOf = async (fields: string) =>
        decodeScopeAs(
          (await gql(`{ allegationStatistics(filter: { quarter: "2016Q4" }) { scope ${fields} } }`)).data.allegationStatistics
            .scope,
          'statistics',
        );
      expect(await scopeOf('provenance { dataVersion } total { allegations }')).toMatchObject({ withoutSubmissions: true });
      expect(await scopeOf('unsubmittedEntities { entity }')).not.toHaveProperty('withoutSubmissions');
      expect(await scopeOf('submissions { entity }')).not.toHaveProperty('withoutSubmissions');
      expect(await scopeOf('perSource { submissions { entity } }')).not.toHaveProperty('withoutSubmissions');
      const viaFragment = await gql(
        '{ allegationStatistics(filter: { quarter: "2016Q4", sources: [PEACEKEEPING] }) { ...F } } fragment F on StatisticsView { scope unsubmittedEntities { entity } }',
      );
      expect(decodeScopeAs(viaFragment.data.allegationStatistics.scope, 'statistics')).not.toHaveProperty('withoutSubmissions');
      expect(viaFragment.data.allegationStatistics.unsubmittedEntities.length).toBeGreaterThan(0);
      // The source honours it: the same request without the flag lists them, with it reads none.
      const sign = await createGatewayTokenSigner(await readPrivateKey(t.hub.keys.gatewayPrivateKey));
      const token = await sign('peacekeeping', { subject: 'provenance-test', role: Role.COORDINATOR });
      const direct = async (withoutSubmissions: boolean) => {
        const scope = encodeScope({
          kind: 'statistics',
          filter: { from: '2016-10', to: '2016-12', sources: ['PEACEKEEPING' as never] },
          groupBy: [],
          ...(withoutSubmissions ? { withoutSubmissions: true as const } : {}),
        });
        const answer = await postGraphQL<any>(
          pk().process.url as string,
          // A statistics contribution travels as one compact value (issue 14): decoded as the system view does.
          'query($r: [_Any!]!) { _entities(representations: $r) { ... on StatisticsView { peacekeeping } } }',
          { r: [{ __typename: 'StatisticsView', scope }] },
          token,
        );
        expect(answer.errors).toBeUndefined();
        return decodeStatisticsContribution(answer.data._entities[0].peacekeeping, Source.PEACEKEEPING);
      };
      expect((await direct(false)).submissions?.length).toBeGreaterThan(0);
      const without = await direct(true);
      expect(without.submissions).toBeNull();
      expect(without.dataVersion).toMatch(/^\d+$/);
    });

    it('answers who had submitted as of a data version: each close and reopen is a version of its own', async () => {
      const query = `query($asOf: [SourceVersionInput!]) { allegationStatistics(filter: { quarter: "2016Q4", entities: ["UNMIL"] }, asOf: $asOf) {
        provenance { source dataVersion } submissions { entity quarter closed } } }`;
      const at = async (version?: string) => {
        const answer = await gql(query, { asOf: version ? [{ source: 'PEACEKEEPING', dataVersion: version }] : null });
        expect(answer.errors).toBeUndefined();
        const view = answer.data.allegationStatistics;
        return { version: view.provenance[0].dataVersion as string, closed: view.submissions[0].closed as boolean };
      };
      const open = await at();
      expect(open.closed).toBe(false);
      expect(period('close', 'UNMIL').status).toBe(0);
      const closed = await at();
      expect(closed).toEqual({ version: String(BigInt(open.version) + 1n), closed: true });
      expect(period('reopen', 'UNMIL').status).toBe(0);
      const reopened = await at();
      expect(reopened).toEqual({ version: String(BigInt(open.version) + 2n), closed: false });
      expect(await at(open.version)).toEqual({ version: open.version, closed: false });
      expect(await at(closed.version)).toEqual({ version: closed.version, closed: true });
      expect(await at(reopened.version)).toEqual({ version: reopened.version, closed: false });
    });
  });

  describe('who may see provenance and submissions (attacks, as the role that would try)', () => {
    const attack = async (role: Role, query: string) => gql(query, {}, await t.token({ role, subject: `attacker-${role}` }));
    /** A source's contribution asked for directly; `fields` undefined for a compact (scalar) contribution. */
    const direct = async (role: Role, view: string, scope: string, fields?: string) => {
      const sign = await createGatewayTokenSigner(await readPrivateKey(t.hub.keys.gatewayPrivateKey));
      const token = await sign('peacekeeping', { subject: `attacker-${role}`, role });
      return postGraphQL<any>(
        pk().process.url as string,
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on ${view} { peacekeeping${fields ? ` { ${fields} }` : ''} } } }`,
        { r: [{ __typename: view, scope }] },
        token,
      );
    };
    const statements = async () => {
      const url = pk().process.metricsUrl as string;
      const each = await Promise.all(
        ['version', 'statistics', 'page'].map((operation) => counter(url, 'psea_sql_statements_total', { operation })),
      );
      return each.reduce((a, b) => a + b, 0);
    };
    const statisticsScope = encodeScope({ kind: 'statistics', filter: { from: '2016-10', to: '2016-12' }, groupBy: [] });

    it('refuses a screener the submissions and the statistics provenance, at the gateway and at the source, reading nothing', async () => {
      const before = await statements();
      const viaGateway = await attack(
        Role.SCREENER,
        '{ allegationStatistics(filter: { quarter: "2016Q4" }) { provenance { dataVersion } submissions { entity closed } unsubmittedEntities { entity } } }',
      );
      expect(viaGateway.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
      expect(JSON.stringify(viaGateway.data ?? null)).not.toMatch(/MINUSCA|dataVersion":"\d/);
      // The whole compact contribution (version, submissions and figures in one value) is refused.
      const bypass = await direct(Role.SCREENER, 'StatisticsView', statisticsScope);
      expect(bypass.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
      expect(JSON.stringify(bypass.data ?? null)).not.toMatch(/MINUSCA|c1\./);
      const page = await direct(
        Role.SCREENER,
        'AllegationPageView',
        encodeScope({ kind: 'page', filter: {}, first: 1 }),
        'dataVersion items { id }',
      );
      expect(page.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
      expect(await statements()).toBe(before);
    });

    it('refuses a report author the provenance of case pages and lookups, at the gateway and at the source', async () => {
      const before = await statements();
      const pageView = await attack(Role.REPORT_AUTHOR, '{ allegations(first: 1) { provenance { source dataVersion } } }');
      expect(pageView.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
      const lookup = await attack(Role.REPORT_AUTHOR, '{ allegation(id: "peacekeeping:1") { provenance { dataVersion } } }');
      expect(lookup.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
      const bypass = await direct(
        Role.REPORT_AUTHOR,
        'AllegationPageView',
        encodeScope({ kind: 'page', filter: {}, first: 1 }),
        'dataVersion answeredAt',
      );
      expect(bypass.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
      expect(JSON.stringify(bypass.data ?? null)).not.toMatch(/dataVersion":"\d/);
      expect(await statements()).toBe(before);
    });

    it('gives a report author submissions at publication granularity only: entity, quarter, closed, when, version; no count', async () => {
      const answer = await attack(
        Role.REPORT_AUTHOR,
        '{ allegationStatistics(filter: { quarter: "2016Q4" }) { submissions { entity quarter closed changedAt dataVersion } unsubmittedEntities { entity quarters } } }',
      );
      expect(answer.errors).toBeUndefined();
      const rows = answer.data.allegationStatistics.submissions as Array<Record<string, unknown>>;
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) expect(row['quarter']).toBe('2016Q4');
      // The schema has no other field to ask for: a count cannot be selected.
      const count = await attack(Role.REPORT_AUTHOR, '{ allegationStatistics { submissions { allegations } } }');
      expect(count.errors?.[0]?.message).toMatch(/Cannot query field "allegations" on type "EntitySubmission"/);
    });
  });

  describe('editions', () => {
    it('freezes the 2016 annex as a signed edition that verifies, and rejects a tampered one naming the file', () => {
      const frozen = report(['--year', '2016', '--freeze', '--out', out('edition-a')]);
      expect(frozen.stderr).toBe('');
      expect(frozen.status).toBe(0);
      expect(readdirSync(out('edition-a')).sort()).toEqual(['annex-2016.json', 'annex-2016.md', 'manifest.json']);
      const manifest = JSON.parse(readFileSync(join(out('edition-a'), 'manifest.json'), 'utf8'));
      expect(manifest.sources.map((s: { source: string }) => s.source)).toEqual(['PEACEKEEPING', 'AGENCIES', 'NON_UN_FORCES']);
      expect(manifest.contentHash).toMatch(/^[0-9a-f]{64}$/);
      expect(manifest.signature.algorithm).toBe('Ed25519');
      expect(readFileSync(join(out('edition-a'), 'annex-2016.md'), 'utf8')).toContain(`| ${PK} | 103 |`);

      const verified = psea(['report', 'verify', out('edition-a')], env);
      expect(verified.stdout).toMatch(/edition of 2016 intact: 2 files/);
      expect(verified.status).toBe(0);

      const copy = (name: string, change: (folder: string) => void) => {
        const folder = out(name);
        const regenerated = psea(
          ['report', '--as-of', out('edition-a'), '--url', t.hub.gatewayUrl, '--token', reportAuthor, '--out', folder],
          env,
        );
        // Said when it fails: the tampering below needs the regenerated edition.
        expect(regenerated.stderr).toBe('');
        change(folder);
        return psea(['report', 'verify', folder], env);
      };
      const table = copy('tampered-table', (f) => {
        const file = join(f, 'annex-2016.md');
        writeFileSync(file, readFileSync(file, 'utf8').replace(`| ${PK} | 103 |`, `| ${PK} | 101 |`));
      });
      expect(table.status).toBe(1);
      expect(table.stderr).toMatch(/annex-2016\.md: its content does not match the signed manifest/);
      const manifestEdit = copy('tampered-manifest', (f) => {
        const file = join(f, 'manifest.json');
        writeFileSync(file, readFileSync(file, 'utf8').replace('"period": "2016"', '"period": "2017"'));
      });
      expect(manifestEdit.status).toBe(1);
      expect(manifestEdit.stderr).toMatch(/manifest\.json: its signature does not verify/);
      const added = copy('tampered-added', (f) => writeFileSync(join(f, 'extra.csv'), 'x'));
      expect(added.stderr).toMatch(/extra\.csv: not part of the edition/);
      const otherKey = ensureReportSigningKey({ dir: join(dir, 'other-keys') });
      const foreign = psea(['report', 'verify', out('edition-a')], {
        ...env,
        REPORT_SIGNING_PUBLIC_KEY_FILE: otherKey.publicKey,
      });
      expect(foreign.status).toBe(1);
      expect(foreign.stderr).toMatch(/manifest\.json: its signature does not verify/);
    });

    it('regenerates the frozen edition byte-identically with --as-of after MINUSCA gains an allegation, and a new edition shows 104', async () => {
      const exported = psea(['export', '--source', 'peacekeeping'], env).stdout.trimEnd().split('\n');
      const header = exported[0] as string;
      const minusca = exported.find((l) => /,MINUSCA,2016-0\d,/.test(l)) as string;
      expect(minusca).toBeDefined();
      const added = minusca.replace(/^[^,]+,/, 'EDITION-TEST-1,');
      writeFileSync(out('added.csv'), `${header}\n${added}\n`);
      const ingested = psea(['ingest', '--source', 'peacekeeping', out('added.csv')], env);
      expect(ingested.status).toBe(0);

      const live = (
        await gql(
          '{ allegationStatistics(filter: { year: 2016 }, groupBy: [SOURCE]) { rows { key { source } counts { allegations } } } }',
        )
      ).data.allegationStatistics.rows;
      expect(live).toContainEqual({ key: { source: 'PEACEKEEPING' }, counts: { allegations: 104 } });

      // An entity submitting meanwhile changes the live footers, not the frozen edition.
      expect(period('close', 'UNMISS').status).toBe(0);
      const again = report(['--as-of', join(out('edition-a'), 'manifest.json'), '--out', out('edition-a-again')]);
      expect(again.stderr).toBe('');
      expect(again.status).toBe(0);
      for (const file of readdirSync(out('edition-a'))) {
        expect(readFileSync(join(out('edition-a-again'), file))).toEqual(readFileSync(join(out('edition-a'), file)));
      }

      const b = report(['--year', '2016', '--freeze', '--out', out('edition-b')]);
      expect(b.status).toBe(0);
      expect(readFileSync(join(out('edition-b'), 'annex-2016.md'), 'utf8')).toContain(`| ${PK} | 104 |`);
      expect(readFileSync(join(out('edition-b'), 'annex-2016.md'), 'utf8')).toMatch(/\| MINUSCA \| [^|]+ \| 53 \|/);
      // The new edition says UNMISS has closed 2016Q4; the frozen one, regenerated, still that it had not.
      expect(readFileSync(join(out('edition-b'), 'annex-2016.md'), 'utf8')).toMatch(/UNMISS \(2016Q1 to 2016Q3\)/);
      expect(readFileSync(join(out('edition-a-again'), 'annex-2016.md'), 'utf8')).toMatch(/UNMISS \(2016Q1 to 2016Q4\)/);
    });

    it('lists the figures that changed between the editions with their source and entity, and the added record for a coordinator only', async () => {
      const diff = (token?: string) =>
        psea(
          ['report', 'diff', out('edition-a'), out('edition-b'), '--url', t.hub.gatewayUrl, ...(token ? ['--token', token] : [])],
          env,
        );
      const figures = diff();
      expect(figures.stderr).toBe('');
      expect(figures.status).toBe(0);
      const lines = figures.stdout.trim().split('\n');
      expect(lines.filter((l) => l.startsWith('source '))).toEqual([
        expect.stringMatching(/^source PEACEKEEPING: data version \d+ → \d+$/),
      ]);
      // UNMISS closed 2016Q4 between the editions.
      expect(lines.filter((l) => l.startsWith('submission '))).toEqual(['submission PEACEKEEPING UNMISS: closed 2016Q4']);
      expect(lines.filter((l) => l.startsWith('by-source |'))).toEqual([
        `by-source | ${PK} | allegations: 103 → 104 (from PEACEKEEPING: MINUSCA)`,
        'by-source | total | allegations: 165 → 166 (from PEACEKEEPING: MINUSCA)',
      ]);
      expect(lines).toContainEqual(
        expect.stringMatching(/^by-entity \| .* \| MINUSCA \| .*allegations: 52 → 53 \(from PEACEKEEPING: MINUSCA\)$/),
      );
      expect(lines.filter((l) => l.startsWith('record '))).toEqual([]);

      const refused = diff(reportAuthor);
      expect(`${refused.stdout}${refused.stderr}`).toMatch(/records: not listed \(your role may not read case records\)/);
      expect(refused.status).toBe(0);

      const reads = () =>
        sql(
          pk().ownerDatabaseUrl as string,
          "SELECT count(*)::int AS n FROM audit_log WHERE operation = 'page' AND role = 'coordinator'",
        );
      const readsBefore = (await reads())[0]?.['n'] as number;
      const coordinator = diff(await t.token({ role: Role.COORDINATOR, subject: 'diff-coordinator' }));
      expect(coordinator.status).toBe(0);
      expect(coordinator.stdout.split('\n').filter((l) => l.startsWith('record '))).toEqual([
        expect.stringMatching(/^record added: peacekeeping:\d+ \(MINUSCA, 2016-\d\d\)$/),
      ]);
      expect((await reads())[0]?.['n']).toBeGreaterThanOrEqual(readsBefore + 2);
    });

    it('applies the disclosure rule unchanged to statistics as of a version, and refuses a version the history does not hold', async () => {
      const manifest = JSON.parse(readFileSync(join(out('edition-a'), 'manifest.json'), 'utf8'));
      const asOf = manifest.sources.map((s: { source: string; dataVersion: string }) => ({
        source: s.source,
        dataVersion: s.dataVersion,
      }));
      const fine = await gql(
        'query($asOf: [SourceVersionInput!]) { allegationStatistics(filter: { year: 2016 }, groupBy: [ENTITY, MONTH], asOf: $asOf) { total { allegations } } }',
        { asOf },
        reportAuthor,
      );
      const fineLive = await gql(
        '{ allegationStatistics(filter: { year: 2016 }, groupBy: [ENTITY, MONTH]) { total { allegations } } }',
        {},
        reportAuthor,
      );
      expect(fineLive.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
      expect(fine.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
      const future = await gql(
        '{ allegationStatistics(filter: { year: 2016 }, asOf: [{ source: PEACEKEEPING, dataVersion: "999999999" }]) { total { allegations } } }',
      );
      expect(JSON.stringify(future.errors)).toMatch(/asOf.PEACEKEEPING/);
      const bad = await gql('{ allegationStatistics(asOf: [{ source: PEACEKEEPING, dataVersion: "1; DROP" }]) { complete } }');
      expect(bad.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    });
  });
});
