import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureReportSigningKey } from '@psea/auth';
import { Role, sourceLabel } from '@psea/contract';
import { Client } from 'pg';
import { sql } from './support/database';
import { psea } from './support/psea';
import { TestHub, startTestHub } from './support/test-hub';

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
        // Each idle connection of the pool may have been closed: at most one try per socket.
        if (!(error instanceof TypeError) || attempt === 5) throw error;
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
        psea(['report', '--as-of', out('edition-a'), '--url', t.hub.gatewayUrl, '--token', reportAuthor, '--out', folder], env);
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
