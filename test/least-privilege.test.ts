import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { sql } from './support/database';
import { psea } from './support/psea';
import { TestHub, startTestHub } from './support/test-hub';

/** Runs statements on one connection (a SET must last for the statement after it). */
async function session(url: string, statements: string[]): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.end();
  }
}

describe('a source connects as a runtime role that cannot rewrite its audit log', () => {
  let t: TestHub;
  let runtimeUrl: string;
  let superuserUrl: string;
  let env: Record<string, string>;
  let dir: string;

  beforeAll(async () => {
    t = await startTestHub();
    runtimeUrl = t.hub.source('agencies').databaseUrl;
    superuserUrl = t.hub.cluster?.url('psea_agencies') as string;
    // The CLI gets the runtime role only, as an entity's loading job would.
    env = {
      AGENCIES_DATABASE_URL: runtimeUrl,
      SCREENING_KEY_FILE: t.hub.keys.screeningKey,
      AGENCIES_PSEUDONYM_KEY_FILE: t.hub.source('agencies').pseudonymKeyFile,
    };
    dir = mkdtempSync(join(tmpdir(), 'psea-roles-'));
    // Something to audit.
    await t.gql('{ allegations(filter: { sources: [AGENCIES], year: 2016 }, first: 3) { items { id } } }');
  }, 120_000);
  afterAll(async () => {
    await t?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves through the runtime role, which is neither superuser nor owner', async () => {
    const connections = await sql(
      superuserUrl,
      "SELECT DISTINCT usename FROM pg_stat_activity WHERE datname = 'psea_agencies' AND application_name = 'psea-subgraph'",
    );
    expect(connections.map((c) => c['usename'])).toEqual(['psea_agencies_app']);
    const [role] = await sql(
      runtimeUrl,
      "SELECT r.rolsuper AS superuser, pg_get_userbyid(c.relowner) AS owner FROM pg_roles r, pg_class c WHERE r.rolname = current_user AND c.oid = 'audit_log'::regclass",
    );
    expect(role).toEqual({ superuser: false, owner: 'psea_agencies_owner' });
  });

  it.each([
    ['disable its triggers', 'ALTER TABLE audit_log DISABLE TRIGGER ALL', /must be owner of table audit_log/],
    ['drop a trigger', 'DROP TRIGGER audit_log_no_update_or_delete ON audit_log', /must be owner of (table|relation) audit_log/],
    [
      'skip triggers with session_replication_role',
      'SET session_replication_role = replica',
      /permission denied to set parameter/,
    ],
    ['drop the table', 'DROP TABLE audit_log', /must be owner of table audit_log/],
    ['update a row', "UPDATE audit_log SET subject = 'nobody'", /permission denied for table audit_log/],
    ['delete rows', 'DELETE FROM audit_log', /permission denied for table audit_log/],
    ['truncate it', 'TRUNCATE audit_log', /permission denied for table audit_log/],
  ])('refuses the runtime role to %s', async (_what, statement, refusal) => {
    await expect(sql(runtimeUrl, statement)).rejects.toThrow(refusal);
  });

  it('still ingests a file and answers a query as the runtime role', async () => {
    const out = join(dir, 'agencies.csv');
    expect(psea(['export', '--source', 'agencies', '--out', out], env).status).toBe(0);
    const [header, first] = readFileSync(out, 'utf8').split('\n') as [string, string];
    // Every month moved by the same number of years, so the row's timeline (received, started,
    // completed, referred) stays consistent.
    const shift = 2019 - Number(/,(\d{4})-\d{2},/.exec(first)?.[1]);
    const fresh = first
      .replace(/^[^,]+,/, 'UNHCR-2019-0001,')
      .replace(/\b(\d{4})-(\d{2})\b/g, (_, year: string, month: string) => `${Number(year) + shift}-${month}`);
    const file = join(dir, 'fresh.csv');
    writeFileSync(file, `${header}\n${fresh}\n`);
    const result = psea(['ingest', '--source', 'agencies', file], env);
    expect(result.stdout).toMatch(/1 rows: 1 inserted, 0 updated, 0 unchanged/);
    expect(result.status).toBe(0);
    const { data } = await t.gql('{ allegationStatistics(filter: { year: 2019 }) { total { allegations } complete } }');
    expect(data.allegationStatistics).toEqual({ total: { allegations: 1 }, complete: true });
  });

  describe('psea audit verify', () => {
    it('finds the chain intact after concurrent audited reads', async () => {
      await Promise.all(
        Array.from({ length: 12 }, () =>
          t.gql('{ allegations(filter: { sources: [AGENCIES], year: 2016 }, first: 2) { items { id } } }'),
        ),
      );
      const result = psea(['audit', 'verify', '--source', 'agencies'], env);
      expect(result.stderr).toBe('');
      expect(result.stdout).toMatch(/agencies: \d+ audit rows, hash chain intact; last row \d+, hash [0-9a-f]{64}/);
      expect(result.status).toBe(0);
    });

    it('names the first row a superuser changed behind the triggers', async () => {
      const [row] = await sql(superuserUrl, 'SELECT id::text AS id FROM audit_log ORDER BY id LIMIT 1 OFFSET 1');
      const id = row?.['id'] as string;
      await session(superuserUrl, [
        'SET session_replication_role = replica',
        `UPDATE audit_log SET records = records + 1 WHERE id = ${Number(id)}`,
      ]);
      const result = psea(['audit', 'verify', '--source', 'agencies'], env);
      expect(result.stderr).toMatch(new RegExp(`broken at row ${id}: its content does not match its hash`));
      expect(result.status).toBe(1);
    });

    it('names the row after one a superuser deleted', async () => {
      const rows = await sql(superuserUrl, 'SELECT id::text AS id FROM audit_log ORDER BY id DESC LIMIT 2');
      const [last, removed] = rows.map((r) => r['id'] as string);
      await session(superuserUrl, [
        'SET session_replication_role = replica',
        `DELETE FROM audit_log WHERE id = ${Number(removed)}`,
      ]);
      // The first break is still the altered row above; repair it to see the next one.
      const result = psea(['audit', 'verify', '--source', 'agencies'], env);
      expect(result.status).toBe(1);
      const [altered] = await sql(superuserUrl, 'SELECT id::text AS id FROM audit_log ORDER BY id LIMIT 1 OFFSET 1');
      await session(superuserUrl, [
        'SET session_replication_role = replica',
        `UPDATE audit_log SET records = records - 1 WHERE id = ${Number(altered?.['id'])}`,
      ]);
      const again = psea(['audit', 'verify', '--source', 'agencies'], env);
      expect(again.stderr).toMatch(new RegExp(`broken at row ${last}: it does not follow the row before it`));
      expect(again.status).toBe(1);
    });
  });
});
