import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { INVESTIGATORS_COLUMN, SINGLE_INVESTIGATOR_COLUMN, V2_COLUMNS } from '@psea/subgraph-kit';
import { sql } from './support/database';
import { psea } from './support/psea';
import { ROOT_DIR, TestHub, startTestHub } from './support/test-hub';

async function snapshot(url: string): Promise<string> {
  const rows = await sql(url, 'SELECT count(*)::int AS n, max(updated_at)::text AS changed FROM case_file');
  const pseudonyms = await sql(url, 'SELECT count(*)::int AS n FROM subject_pseudonym');
  return JSON.stringify([rows[0], pseudonyms[0]]);
}

describe('psea ingest and export, over a real source database', () => {
  // Seven engineers share two cores: an ingest may take a while.
  jest.setTimeout(120_000);
  let t: TestHub;
  let dir: string;
  let env: Record<string, string>;
  let exported: string;
  const write = (name: string, content: string) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };
  const lines = () => exported.trimEnd().split('\n');

  beforeAll(async () => {
    t = await startTestHub();
    dir = mkdtempSync(join(tmpdir(), 'psea-ingest-'));
    env = {
      AGENCIES_DATABASE_URL: t.hub.source('agencies').databaseUrl,
      SCREENING_KEY_FILE: t.hub.keys.screeningKey,
      AGENCIES_PSEUDONYM_KEY_FILE: t.hub.source('agencies').pseudonymKeyFile,
    };
    const out = join(dir, 'agencies.csv');
    const result = psea(['export', '--source', 'agencies', '--out', out], env);
    expect(result.status).toBe(0);
    exported = readFileSync(out, 'utf8');
  }, 120_000);
  afterAll(async () => {
    await t?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('audits an export at the source (who, when, how many) and writes a file only its owner can read', async () => {
    const url = env['AGENCIES_DATABASE_URL'] as string;
    const out = join(dir, 'audited.csv');
    writeFileSync(out, 'an older file anyone could read\n', { mode: 0o644 });
    const started = await sql(url, 'SELECT now() AS at');
    const result = psea(['export', '--source', 'agencies', '--out', out], env);
    expect(result.status).toBe(0);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const rows = readFileSync(out, 'utf8').trimEnd().split('\n').length - 1;
    const [audit] = await sql(
      url,
      "SELECT subject, role, records, at >= $1 AS recent FROM audit_log WHERE operation = 'export' ORDER BY id DESC LIMIT 1",
      [started[0]?.['at']],
    );
    expect(audit).toEqual({
      subject: `${userInfo().username}@${hostname()}`,
      role: 'psea_agencies_app',
      records: rows,
      recent: true,
    });
  });

  it('exports every record, without subject identifiers', () => {
    expect(lines()).toHaveLength(148);
    expect(lines()[0]).not.toMatch(/subject_ids/);
  });

  it('changes nothing when the same file is ingested again', async () => {
    const before = await snapshot(env['AGENCIES_DATABASE_URL'] as string);
    const result = psea(['ingest', '--source', 'agencies', write('same.csv', exported)], env);
    expect(result.stdout).toMatch(/147 rows: 0 inserted, 0 updated, 147 unchanged/);
    expect(result.status).toBe(0);
    expect(await snapshot(env['AGENCIES_DATABASE_URL'] as string)).toBe(before);
  });

  it('updates a changed row and inserts a new one, visible through the gateway', async () => {
    const rows = lines();
    const changed = (rows[1] as string).replace(/,(true|false),true$/, ',true,true');
    // Every month moved by the same number of years, so the row's timeline stays consistent.
    const shift = 2018 - Number(/,(\d{4})-\d{2},/.exec(rows[1] as string)?.[1]);
    const fresh = (rows[1] as string)
      .replace(/^[^,]+,/, 'UNHCR-2018-0001,')
      .replace(/\b(\d{4})-(\d{2})\b/g, (_, year: string, month: string) => `${Number(year) + shift}-${month}`);
    const file = write(
      'changes.csv',
      [rows[0], changed === rows[1] ? (rows[1] as string).replace(',false,true', ',true,true') : changed, fresh].join('\n'),
    );
    const result = psea(['ingest', '--source', 'agencies', file], env);
    expect(result.stdout).toMatch(/2 rows: 1 inserted, 1 updated, 0 unchanged/);
    const { data } = await t.gql('{ allegationStatistics(filter: { year: 2018 }) { total { allegations } } }');
    expect(data.allegationStatistics.total.allegations).toBe(1);
  });

  it.each([
    [
      'a wrong enum value',
      (r: string) => r.replace(/,(SE|SA),/, ',XX,'),
      /line 3, column allegation_type: expected SE, SA, OTHER, UNKNOWN, got "XX"/,
    ],
    [
      'an entity of another source',
      (r: string) => r.replace(/^([^,]+),[A-Z]+,/, '$1,MINUSCA,'),
      /line 3, column entity: expected one of the agencies source's entity codes \(.*UNHCR.*\): MINUSCA belongs to the peacekeeping source, got "MINUSCA"/,
    ],
    [
      'two mistakes in one row, both reported at once',
      (r: string) => r.replace(/^([^,]+),[A-Z]+,/, '$1,MINUSCA,').replace(/,(SE|SA),/, ',XX,'),
      /line 3, column allegation_type: expected SE, SA, OTHER, UNKNOWN, got "XX"[\s\S]*line 3, column entity: expected one of the agencies source's entity codes/,
    ],
    ['a bad month', (r: string) => r.replace(/,\d{4}-\d{2},/, ',2016-13,'), /line 3, column reported: expected the month/],
    [
      'a negative count',
      (r: string) => r.replace(/^((?:[^,]*,){10})\d+,/, '$1-1,'),
      /line 3, column victims_women: expected a whole number/,
    ],
    [
      'a nationality for a civilian',
      (r: string) => r.replace(/^((?:[^,]*,){6}),/, '$1FRA,'),
      /line 3, column nationality: expected empty/,
    ],
  ])('writes nothing for a file with %s, and names the line and column', async (_name, mutate, message) => {
    const before = await snapshot(env['AGENCIES_DATABASE_URL'] as string);
    const rows = lines();
    rows[2] = mutate(rows[2] as string);
    const result = psea(['ingest', '--source', 'agencies', write('bad.csv', rows.join('\n'))], env);
    expect(result.stdout).toMatch(message);
    expect(result.stderr).toMatch(/nothing was written/);
    expect(result.status).toBe(1);
    expect(await snapshot(env['AGENCIES_DATABASE_URL'] as string)).toBe(before);
  });

  it('writes nothing when the last of twenty thousand rows is bad', async () => {
    const before = await snapshot(env['AGENCIES_DATABASE_URL'] as string);
    const header = lines()[0] as string;
    const template = lines()[1] as string;
    const body = Array.from({ length: 20_000 }, (_, i) => template.replace(/^[^,]+,/, `BULK-${i},`));
    body[19_999] = (body[19_999] as string).replace(/,(true|false),(true|false)$/, ',maybe,$2');
    const result = psea(['ingest', '--source', 'agencies', write('bulk.csv', [header, ...body].join('\n'))], env);
    expect(result.stdout).toMatch(/line 20001, column criminal_referral: expected true or false, got "maybe"/);
    expect(result.status).toBe(1);
    expect(await snapshot(env['AGENCIES_DATABASE_URL'] as string)).toBe(before);
  });

  it('rolls the whole file back when the database refuses a row after earlier batches were written', async () => {
    const url = env['AGENCIES_DATABASE_URL'] as string;
    // Triggers are the owner's to create: the runtime role the CLI loads with owns nothing.
    const client = new Client({ connectionString: t.hub.source('agencies').ownerDatabaseUrl });
    await client.connect();
    // A refusal only the database can make, on the last row: ten batches are written before it.
    await client.query(`CREATE FUNCTION refuse_last() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.case_number = 'LATE-19999' THEN RAISE EXCEPTION 'refused by the database'; END IF; RETURN NEW; END $$`);
    await client.query('CREATE TRIGGER refuse_last BEFORE INSERT ON case_file FOR EACH ROW EXECUTE FUNCTION refuse_last()');
    try {
      const before = await snapshot(url);
      const header = lines()[0] as string;
      const template = lines()[1] as string;
      const body = Array.from({ length: 20_000 }, (_, i) => template.replace(/^[^,]+,/, `LATE-${i},`));
      const result = psea(['ingest', '--source', 'agencies', write('late.csv', [header, ...body].join('\n'))], env);
      expect(result.status).not.toBe(0);
      expect(result.stderr).toMatch(/refused by the database/);
      expect(await snapshot(url)).toBe(before);
    } finally {
      await client.query('DROP TRIGGER refuse_last ON case_file');
      await client.query('DROP FUNCTION refuse_last()');
      await client.end();
    }
  });

  it('rejects unknown columns, duplicate references and broken quoting', () => {
    const [header, first, second] = lines() as [string, string, string];
    const unknown = psea(['ingest', '--source', 'agencies', write('unknown.csv', `${header},colour\n${first},blue\n`)], env);
    expect(unknown.stdout).toMatch(/line 1, column colour: unknown column/);
    const duplicate = psea(['ingest', '--source', 'agencies', write('dup.csv', [header, first, first].join('\n'))], env);
    expect(duplicate.stdout).toMatch(/line 3, column reference: .* already appears on line 2/);
    const quoting = psea(
      ['ingest', '--source', 'agencies', write('quote.csv', [header, `"unterminated,${second}`].join('\n'))],
      env,
    );
    expect(quoting.stdout).toMatch(/not valid CSV/);
    for (const r of [unknown, duplicate, quoting]) expect(r.status).toBe(1);
  });

  it('explains usage and environment errors with their exit codes', () => {
    const missing = psea(['ingest', '--source', 'agencies', join(dir, 'nope.csv')], env);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/no such file/);
    const unknownSource = psea(['ingest', '--source', 'atlantis', write('x.csv', exported)], env);
    expect(unknownSource.status).toBe(2);
    expect(unknownSource.stderr).toMatch(/no source named "atlantis"/);
    const down = psea(['ingest', '--source', 'agencies', write('y.csv', exported)], {
      ...env,
      AGENCIES_DATABASE_URL: 'postgres://postgres:x@127.0.0.1:1/none',
    });
    expect(down.status).toBe(3);
    expect(down.stderr).toMatch(/cannot reach the database of agencies through AGENCIES_DATABASE_URL/);
  });

  it("refuses to pseudonymise with the deployment's key and a development source key mixed", async () => {
    const before = await snapshot(env['AGENCIES_DATABASE_URL'] as string);
    const { AGENCIES_PSEUDONYM_KEY_FILE: _omitted, ...oneKey } = env;
    void _omitted;
    const result = psea(['ingest', '--source', 'agencies', write('keys.csv', exported)], oneKey);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/set both SCREENING_KEY_FILE and AGENCIES_PSEUDONYM_KEY_FILE/);
    expect(await snapshot(env['AGENCIES_DATABASE_URL'] as string)).toBe(before);
  });

  it('exports a reference that a spreadsheet would run as a formula with a leading apostrophe, and reads it back as it was', async () => {
    const formula = '=HYPERLINK("x")';
    const [header, first] = lines() as [string, string];
    // Every month moved by the same number of years (to 2020), so the row's timeline stays consistent.
    const shift = 2020 - Number(/,(\d{4})-\d{2},/.exec(first)?.[1]);
    const row = first
      .replace(/^[^,]+,/, `"${formula.replace(/"/g, '""')}",`)
      .replace(/\b(\d{4})-(\d{2})\b/g, (_, year: string, month: string) => `${Number(year) + shift}-${month}`);
    expect(psea(['ingest', '--source', 'agencies', write('formula.csv', `${header}\n${row}\n`)], env).status).toBe(0);
    const out = join(dir, 'formula-export.csv');
    expect(psea(['export', '--source', 'agencies', '--out', out], env).status).toBe(0);
    const written = readFileSync(out, 'utf8');
    expect(written).toContain(`"'=HYPERLINK(""x"")",`);
    expect(written).not.toMatch(/(^|\n)"?=HYPERLINK/);
    const again = psea(['ingest', '--source', 'agencies', out], env);
    expect(again.stdout).toMatch(/0 inserted, 0 updated/);
    const stored = await sql(
      env['AGENCIES_DATABASE_URL'] as string,
      'SELECT case_number FROM case_file WHERE received_year = 2020',
    );
    expect(stored).toEqual([{ case_number: formula }]);
  });

  /** The rows as cells by column name, and back: the export holds no quoted values. */
  const table = () => {
    const [header, ...body] = lines() as [string, ...string[]];
    const columns = header.split(',');
    return { columns, rows: body.map((line) => Object.fromEntries(line.split(',').map((v, i) => [columns[i], v]))) };
  };
  const csvOf = (columns: readonly string[], rows: ReadonlyArray<Record<string, string | undefined>>) =>
    [columns.join(','), ...rows.map((r) => columns.map((c) => r[c] ?? '').join(','))].join('\n');
  /** A row moved to another year: its timeline and referral emptied, so no month falls before the one reported. */
  const timeless = {
    investigation_days: '',
    investigation_started: '',
    investigation_completed: '',
    referred_to_member_state: 'false',
    member_state_notified: '',
    nio_requested: '',
    nio_appointed: '',
    member_state_response: '',
    member_state_last_response: '',
  };
  /** The header of an older version: one investigating entity (versions 1 and 2), none of version 2's columns (version 1). */
  const olderColumns = (columns: readonly string[], version: 1 | 2) =>
    columns
      .map((c) => (c === INVESTIGATORS_COLUMN ? SINGLE_INVESTIGATOR_COLUMN : c))
      .filter((c) => version === 2 || !V2_COLUMNS.includes(c));

  it('reads a version-1 file as documented: jail as the Member State action, no referral, no months', async () => {
    const { columns, rows } = table();
    const v1Columns = olderColumns(columns, 1);
    const row = {
      ...rows[0],
      reference: 'UNHCR-2019-V1',
      reported: '2019-03',
      status: 'SUBSTANTIATED',
      final_actions: 'DISMISSAL;JAILED',
      investigating_entity: 'OIOS',
    };
    const result = psea(['ingest', '--source', 'agencies', write('v1.csv', csvOf(v1Columns, [row]))], env);
    expect(result.stdout).toMatch(/1 rows: 1 inserted/);
    expect(result.stdout).toMatch(/format version 1: read as version 3/);
    const { data } = await t.gql(
      '{ allegations(filter: { year: 2019 }, first: 5) { items { reference finalActions memberStateActions memberStateReferral { response } perpetratorsMen investigationStartedMonth investigatingEntities } } }',
    );
    expect(data.allegations.items).toEqual([
      {
        reference: 'UNHCR-2019-V1',
        finalActions: ['DISMISSAL'],
        memberStateActions: ['JAILED'],
        memberStateReferral: null,
        perpetratorsMen: 0,
        investigationStartedMonth: null,
        investigatingEntities: ['OIOS'],
      },
    ]);
  });

  it('reads a version-2 file: its one investigating entity becomes a list of one, none an empty list', async () => {
    const { columns, rows } = table();
    const one = { ...rows[0], ...timeless, reference: 'UNHCR-2019-V2-ONE', reported: '2019-05', investigating_entity: 'OIOS' };
    const none = { ...rows[0], ...timeless, reference: 'UNHCR-2019-V2-NONE', reported: '2019-06', investigating_entity: '' };
    const result = psea(['ingest', '--source', 'agencies', write('v2.csv', csvOf(olderColumns(columns, 2), [one, none]))], env);
    expect(result.stdout).toMatch(/2 rows: 2 inserted/);
    expect(result.stdout).toMatch(/format version 2: read as version 3 \(investigating_entity as a list of one entity\)/);
    const { data } = await t.gql(
      '{ allegations(filter: { fromMonth: "2019-05", toMonth: "2019-06" }, first: 5) { items { reference investigatingEntities } } }',
    );
    expect(data.allegations.items).toEqual([
      { reference: 'UNHCR-2019-V2-ONE', investigatingEntities: ['OIOS'] },
      { reference: 'UNHCR-2019-V2-NONE', investigatingEntities: [] },
    ]);
  });

  it('refuses a version-2 row listing several investigating entities, saying how to convert, rather than read one of them', async () => {
    const before = await snapshot(env['AGENCIES_DATABASE_URL'] as string);
    const { columns, rows } = table();
    const listed = { ...rows[1], investigating_entity: 'OIOS;ENTITY' };
    for (const [version, file] of [
      [2, csvOf(olderColumns(columns, 2), [rows[0] ?? {}, listed])],
      [1, csvOf(olderColumns(columns, 1), [rows[0] ?? {}, listed])],
    ] as const) {
      const result = psea(['ingest', '--source', 'agencies', write(`v${version}-list.csv`, file)], env);
      expect(result.stdout).toMatch(
        new RegExp(
          `line 3, column investigating_entity: a list of investigating entities \\("OIOS;ENTITY"\\) needs format version 3: this file is version ${version}.*Rename the column investigating_entities`,
        ),
      );
      expect(result.status).toBe(1);
    }
    expect(await snapshot(env['AGENCIES_DATABASE_URL'] as string)).toBe(before);
  });

  it('reads a joint investigation from a version-3 file, and refuses a version-3 header that keeps investigating_entity', async () => {
    const { columns, rows } = table();
    const joint = {
      ...rows[0],
      ...timeless,
      reference: 'UNHCR-2019-JOINT',
      reported: '2019-08',
      investigating_entities: 'OIOS;ENTITY',
    };
    const result = psea(['ingest', '--source', 'agencies', write('joint.csv', csvOf(columns, [joint]))], env);
    expect(result.stdout).toMatch(/1 rows: 1 inserted/);
    expect(result.stdout).not.toMatch(/format version/);
    const { data } = await t.gql(
      '{ allegations(filter: { fromMonth: "2019-08", toMonth: "2019-08" }, first: 5) { items { reference investigatingEntities } } }',
    );
    expect(data.allegations.items).toEqual([{ reference: 'UNHCR-2019-JOINT', investigatingEntities: ['OIOS', 'ENTITY'] }]);
    const [stored] = await sql(
      env['AGENCIES_DATABASE_URL'] as string,
      "SELECT investigators FROM case_file WHERE case_number = 'UNHCR-2019-JOINT'",
    );
    expect([...(stored?.['investigators'] as string[])].sort()).toEqual(['OIOS', 'own investigation service']);

    const both = psea(
      ['ingest', '--source', 'agencies', write('both.csv', csvOf([...columns, SINGLE_INVESTIGATOR_COLUMN], [joint]))],
      env,
    );
    expect(both.stdout).toMatch(/line 1, column investigating_entity: a column of format versions 1 and 2/);
    const twice = psea(
      ['ingest', '--source', 'agencies', write('twice.csv', csvOf(columns, [{ ...joint, investigating_entities: 'OIOS;OIOS' }]))],
      env,
    );
    expect(twice.stdout).toMatch(/line 2, column investigating_entities: expected ';'-separated/);
    for (const r of [both, twice]) expect(r.status).toBe(1);
  });

  it('refuses a version-1 row whose status was a referral, saying how to convert the file', async () => {
    const before = await snapshot(env['AGENCIES_DATABASE_URL'] as string);
    const { columns, rows } = table();
    const v1Columns = olderColumns(columns, 1);
    const referred = { ...rows[1], status: 'REFERRED_TO_MEMBER_STATE' };
    const result = psea(
      ['ingest', '--source', 'agencies', write('v1-referred.csv', csvOf(v1Columns, [rows[0] ?? {}, referred]))],
      env,
    );
    expect(result.stdout).toMatch(
      /line 3, column status: REFERRED_TO_MEMBER_STATE is a status of format version 1 only.*Convert the file to version 2: write the investigation status in status, true in referred_to_member_state/,
    );
    expect(result.status).toBe(1);
    expect(await snapshot(env['AGENCIES_DATABASE_URL'] as string)).toBe(before);
  });

  it('refuses a row whose referral columns contradict each other, naming the line', async () => {
    const before = await snapshot(env['AGENCIES_DATABASE_URL'] as string);
    const { columns, rows } = table();
    const notReferred = rows.find((r) => r['referred_to_member_state'] === 'false') ?? {};
    const contradictory = { ...notReferred, nio_requested: 'true', nio_appointed: 'true' };
    const result = psea(
      [
        'ingest',
        '--source',
        'agencies',
        write('contradiction.csv', csvOf(columns, [rows[0] ?? {}, rows[1] ?? {}, contradictory])),
      ],
      env,
    );
    expect(result.stdout).toMatch(
      /line 4, column nio_appointed: contradicts referred_to_member_state=false: an NIO appointed without a referral/,
    );
    const requestedOnly = {
      ...notReferred,
      referred_to_member_state: 'true',
      member_state_response: 'NONE',
      nio_appointed: 'true',
    };
    const second = psea(['ingest', '--source', 'agencies', write('contradiction-2.csv', csvOf(columns, [requestedOnly]))], env);
    expect(second.stdout).toMatch(/line 2, column nio_appointed: expected false unless an NIO was requested/);
    for (const r of [result, second]) expect(r.status).toBe(1);
    expect(await snapshot(env['AGENCIES_DATABASE_URL'] as string)).toBe(before);
  });

  it('refuses a header with some of the version-2 columns but not all, naming the missing ones', () => {
    const { columns, rows } = table();
    const partial = olderColumns(columns, 2).filter((c) => c !== 'nio_appointed' && c !== 'member_state_response');
    const result = psea(['ingest', '--source', 'agencies', write('partial.csv', csvOf(partial, rows.slice(0, 1)))], env);
    expect(result.stdout).toMatch(/line 1, column nio_appointed: required column is missing: a version-2 file/);
    expect(result.stdout).toMatch(/line 1, column member_state_response: required column is missing/);
    expect(result.status).toBe(1);
  });

  it('documents every column it accepts', () => {
    const doc = readFileSync(join(ROOT_DIR, 'docs', 'ingest-format.md'), 'utf8');
    for (const column of (lines()[0] as string).split(',')) expect(doc).toContain(`\`${column}\``);
    expect(doc).toContain('`subject_ids`');
  });
});
