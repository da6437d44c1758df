import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readScreeningKey } from '@psea/auth';
import { normalizeIdentifier, pseudonymize, sourcePseudonym } from '@psea/contract';
import { sql } from './support/database';
import { psea } from './support/psea';
import { TestHub, startTestHub } from './support/test-hub';

/** More rows than two fetches of the staging table (5,000) and than six of the writer's statements (2,000). */
const ROWS = 12_345;

/** Everything a load could change: the case files (with their last change) and the stored pseudonyms. */
async function snapshot(url: string): Promise<string> {
  const rows = await sql(url, 'SELECT count(*)::int AS n, max(updated_at)::text AS changed FROM case_file');
  const pseudonyms = await sql(
    url,
    "SELECT count(*)::int AS n, md5(string_agg(allegation_id || pseudonym, ',' ORDER BY allegation_id, pseudonym)) AS digest FROM subject_pseudonym",
  );
  return JSON.stringify([rows[0], pseudonyms[0]]);
}

describe('psea ingest of files larger than any batch (COPY into a staging table, one transaction)', () => {
  jest.setTimeout(300_000);
  let t: TestHub;
  let dir: string;
  let env: Record<string, string>;
  let url: string;
  let header: string;
  let template: string;
  const write = (name: string, body: string[]) => {
    const path = join(dir, name);
    writeFileSync(path, [`${header},subject_ids`, ...body].join('\n'));
    return path;
  };
  /** Row i of the large file: a third without subjects, a third with one, a third with one written twice and a passport. */
  const subjects = (i: number) =>
    i % 3 === 0
      ? ''
      : i % 3 === 1
        ? `UNINDEX:${7_000_000 + i}`
        : `UNINDEX:${7_000_000 + i};PASSPORT:FRA:12AB${i};UNINDEX:${7_000_000 + i}`;
  const row = (i: number) => `${template.replace(/^[^,]+,/, `BULK-${i},`)},${subjects(i)}`;
  const large = () => Array.from({ length: ROWS }, (_, i) => row(i));
  const stored = (identifier: string) =>
    sourcePseudonym(
      readScreeningKey(env['AGENCIES_PSEUDONYM_KEY_FILE'] as string),
      pseudonymize(readScreeningKey(env['SCREENING_KEY_FILE'] as string), normalizeIdentifier(identifier)),
    );
  const pseudonymsOf = async (reference: string) =>
    (
      await sql(
        url,
        'SELECT p.pseudonym FROM subject_pseudonym p JOIN case_file f ON f.id = p.allegation_id WHERE f.case_number = $1 ORDER BY 1',
        [reference],
      )
    ).map((r) => r['pseudonym']);

  beforeAll(async () => {
    t = await startTestHub();
    dir = mkdtempSync(join(tmpdir(), 'psea-ingest-bulk-'));
    url = t.hub.source('agencies').databaseUrl;
    env = {
      AGENCIES_DATABASE_URL: url,
      SCREENING_KEY_FILE: t.hub.keys.screeningKey,
      AGENCIES_PSEUDONYM_KEY_FILE: t.hub.source('agencies').pseudonymKeyFile,
    };
    const out = join(dir, 'agencies.csv');
    expect(psea(['export', '--source', 'agencies', '--out', out], env).status).toBe(0);
    [header, template] = readFileSync(out, 'utf8').trimEnd().split('\n') as [string, string];
  }, 300_000);
  afterAll(async () => {
    await t?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes nothing when a line deep in a large file is bad, naming its line and column and a repeated reference', async () => {
    const before = await snapshot(url);
    const body = large();
    body[7_000] = (body[7_000] as string).replace(/,(SE|SA),/, ',XX,');
    body[9_000] = row(0); // line 9002 repeats line 2's reference
    const result = psea(['ingest', '--source', 'agencies', write('deep.csv', body)], env);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/line 7002, column allegation_type: expected SE, SA, OTHER, UNKNOWN, got "XX"/);
    expect(result.stdout).toMatch(/line 9002, column reference: BULK-0 already appears on line 2/);
    expect(result.stderr).toMatch(/2 problem\(s\) in .*; nothing was written/);
    expect(await snapshot(url)).toBe(before);
    expect(await sql(url, "SELECT count(*)::int AS n FROM case_file WHERE case_number LIKE 'BULK-%'")).toEqual([{ n: 0 }]);
  });

  it('loads every row of a file larger than any batch, with exact counts and each subject stored once as its pseudonym', async () => {
    const [{ n: held }] = (await sql(url, 'SELECT count(*)::int AS n FROM case_file')) as [{ n: number }];
    const result = psea(['ingest', '--source', 'agencies', write('large.csv', large())], env);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(new RegExp(`agencies: ${ROWS} rows: ${ROWS} inserted, 0 updated, 0 unchanged`));
    expect(result.status).toBe(0);
    expect(await sql(url, 'SELECT count(*)::int AS n FROM case_file')).toEqual([{ n: held + ROWS }]);
    // Rows 1, 4, ... have one subject; rows 2, 5, ... two (the repeated identifier counts once); rows 0, 3, ... none.
    const expected = Array.from({ length: ROWS }, (_, i) => [0, 1, 2][i % 3] as number).reduce((a, b) => a + b, 0);
    const [{ n: pseudonyms }] = (await sql(
      url,
      "SELECT count(*)::int AS n FROM subject_pseudonym p JOIN case_file f ON f.id = p.allegation_id WHERE f.case_number LIKE 'BULK-%'",
    )) as [{ n: number }];
    expect(pseudonyms).toBe(expected);
    expect(await pseudonymsOf('BULK-12344')).toEqual([stored(`UNINDEX:${7_012_344}`), stored('PASSPORT:FRA:12AB12344')].sort());
    expect(await pseudonymsOf('BULK-12343')).toEqual([stored(`UNINDEX:${7_012_343}`)]);
    expect(await pseudonymsOf('BULK-12342')).toEqual([]);
  });

  it('changes nothing when the large file is loaded again', async () => {
    const before = await snapshot(url);
    const result = psea(['ingest', '--source', 'agencies', write('again.csv', large())], env);
    expect(result.stdout).toMatch(new RegExp(`${ROWS} rows: 0 inserted, 0 updated, ${ROWS} unchanged`));
    expect(result.status).toBe(0);
    expect(await snapshot(url)).toBe(before);
  });

  it('updates by reference in a large file: a changed row, and the subjects of another replaced', async () => {
    const body = large();
    const flipped = template
      .replace(/^[^,]+,/, 'BULK-10000,')
      .replace(
        /,(true|false),(true|false)$/,
        (_, referral: string, synthetic: string) => `,${referral === 'true' ? 'false' : 'true'},${synthetic}`,
      );
    body[10_000] = `${flipped},${subjects(10_000)}`;
    body[4] = `${template.replace(/^[^,]+,/, 'BULK-4,')},UNINDEX:7999999`;
    const result = psea(['ingest', '--source', 'agencies', write('changed.csv', body)], env);
    expect(result.stdout).toMatch(new RegExp(`${ROWS} rows: 0 inserted, 1 updated, ${ROWS - 1} unchanged`));
    expect(await pseudonymsOf('BULK-4')).toEqual([stored('UNINDEX:7999999')]);
  });
});
