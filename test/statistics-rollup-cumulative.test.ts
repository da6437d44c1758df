import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { Dimension, StatisticsScope, normalizeFilter } from '@psea/contract';
import { referenceRecords } from '@psea/reference-data';
import { statisticsStatement, writeRecords } from '@psea/subgraph-kit';
import { rollupStatement } from '../packages/subgraph-kit/src/rollup/rollup-statement';
import { agedBefore } from '../packages/subgraph-kit/src/rollup/rollup-window';
import { ROLLUPS, rollupGroupTable, rollupTable } from '../packages/subgraph-kit/src/rollup/rollup-columns';
import { statisticsResult } from '../packages/subgraph-kit/src/sql/statistics-query';
import { definition as peacekeeping } from '../subgraphs/peacekeeping/src/index';
import { useTestCluster } from './support/test-cluster';

type Statement = { text: string; values: unknown[] };
type PlanNode = { 'Relation Name'?: string; 'Actual Rows': number; 'Actual Loops': number; Plans?: PlanNode[] };

/** Rows a plan read from a table: every scan of it, its rows times its loops. */
function rowsRead(node: PlanNode, table: string): number {
  const own = node['Relation Name'] === table ? node['Actual Rows'] * node['Actual Loops'] : 0;
  return own + (node.Plans ?? []).reduce((sum, child) => sum + rowsRead(child, table), 0);
}

/** Copies of the peacekeeping records `where`, their reference suffixed and their month as `month` (SQL). */
async function copyRecords(owner: Client, suffix: string, month: string, where = 'true'): Promise<void> {
  const { rows } = await owner.query(
    "SELECT attname FROM pg_attribute WHERE attrelid = 'allegation'::regclass AND attnum > 0 AND NOT attisdropped AND attname <> 'id' ORDER BY attnum",
  );
  const columns = rows.map((r) => String(r.attname));
  const values = columns.map((c) => (c === 'reference' ? `reference || '${suffix}'` : c === 'received_month' ? month : `"${c}"`));
  await owner.query(
    `INSERT INTO allegation (${columns.map((c) => `"${c}"`).join(', ')}) SELECT ${values.join(', ')} FROM allegation WHERE ${where}`,
  );
}

const canonical = (answer: ReturnType<typeof statisticsResult>) => ({
  total: answer.total,
  rows: answer.rows.map((r) => JSON.stringify(r)).sort(),
});

describe('cumulative statistics rollups', () => {
  const databases = useTestCluster();

  /** A peacekeeping database as a source prepares it; `start` prepares it again, as a restart does. */
  async function open(name: string) {
    const start = async () => (await databases.sourceDatabase(name, peacekeeping)).dataSource;
    const { urls, dataSource } = await databases.sourceDatabase(name, peacekeeping);
    const owner = await databases.ownerClient(urls);
    return { start, owner, dataSource };
  }

  async function expectAnswersEqual(dataSource: DataSource, scopes: StatisticsScope[]): Promise<void> {
    const run = async (statement: Statement) =>
      (await dataSource.query(statement.text, statement.values)) as Record<string, unknown>[];
    for (const scope of scopes) {
      const fromRollup = rollupStatement(peacekeeping.mapping, scope);
      const fromRecords = statisticsStatement(peacekeeping.mapping, scope);
      expect(fromRollup).toBeDefined();
      const read = async (s: Statement & { dimensions: Parameters<typeof statisticsResult>[3] }) =>
        canonical(statisticsResult(peacekeeping.mapping, peacekeeping.source, scope, s.dimensions, await run(s)));
      expect({ scope, ...(await read(fromRollup!)) }).toEqual({ scope, ...(await read(fromRecords)) });
    }
  }

  const scopes: StatisticsScope[] = [
    { kind: 'statistics', filter: normalizeFilter({ year: 2016 }), groupBy: [Dimension.ALLEGATION_TYPE] },
    {
      kind: 'statistics',
      filter: normalizeFilter({ fromMonth: '2015-03', toMonth: '2016-08' }),
      groupBy: [Dimension.ENTITY, Dimension.INVESTIGATION_STATUS, Dimension.NATIONALITY],
    },
    { kind: 'statistics', filter: {}, groupBy: [Dimension.QUARTER, Dimension.PATERNITY] },
  ];

  it('rebuilds a database whose rollups are month-grained into the cumulative form at start, once, and answers exactly', async () => {
    const { start, owner, dataSource } = await open('cumulative_upgrade');
    await dataSource.transaction((manager) => writeRecords(peacekeeping, manager, referenceRecords(peacekeeping.source)));
    // The form before: a table per rollup keyed by month and its columns (one holding wrong
    // counts, as a stale rollup would), its triggers, and the fingerprint of that definition.
    for (let i = 0; i < ROLLUPS.length; i++) {
      await owner.query(`DROP TABLE ${rollupTable(i)}, ${rollupGroupTable(i)}`);
      await owner.query(
        `CREATE TABLE ${rollupTable(i)} (month date, ${(ROLLUPS[i] as string[]).map((k) => `${k} ${k === 'minors' ? 'boolean' : 'text'}`).join(', ')}, allegations int NOT NULL)`,
      );
      await owner.query(`CREATE UNIQUE INDEX ${rollupTable(i)}_key ON ${rollupTable(i)} (month) NULLS NOT DISTINCT`);
    }
    await owner.query(`INSERT INTO ${rollupTable(0)} (month, allegations) VALUES ('2016-01-01', 999)`);
    await owner.query('DROP FUNCTION psea_rollup_insert() CASCADE');
    await owner.query(
      `CREATE FUNCTION psea_rollup_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO ${rollupTable(0)} (month, allegations) SELECT received_month, 1 FROM new_rows; RETURN NULL; END $$`,
    );
    await owner.query(
      'CREATE TRIGGER psea_rollup_insert AFTER INSERT ON allegation REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION psea_rollup_insert()',
    );
    await owner.query("UPDATE statistics_rollup_definition SET fingerprint = 'month-grained'");

    const upgraded = await start();
    const columns = await owner.query(
      `SELECT attname FROM pg_attribute WHERE attrelid = '${rollupTable(0)}'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum`,
    );
    expect(columns.rows.slice(0, 3).map((r) => r.attname)).toEqual(['key', 'month', 'month_allegations']);
    await expectAnswersEqual(upgraded, scopes);
    // The triggers are the new ones: a record written now is counted in the cumulative form.
    await copyRecords(owner, '-again', 'received_month', 'id IN (SELECT id FROM allegation ORDER BY id LIMIT 5)');
    await expectAnswersEqual(upgraded, scopes);

    // Idempotent: a start on the installed form changes nothing.
    const oids = async () =>
      (await owner.query("SELECT relname, oid::int FROM pg_class WHERE relname ~ '^statistics_rollup_' ORDER BY relname")).rows;
    const before = await oids();
    await start();
    expect(await oids()).toEqual(before);
  }, 180_000);

  it('reads a few rows per group, not per month: three times the months and records read the same rows', async () => {
    const { owner, dataSource } = await open('cumulative_size');
    await dataSource.transaction((manager) => writeRecords(peacekeeping, manager, referenceRecords(peacekeeping.source)));
    // (b-cold)'s grouping over a window that covers every month of the data, today's cut-offs after it.
    const scope: StatisticsScope = {
      kind: 'statistics',
      filter: normalizeFilter({ fromMonth: '2000-01', toMonth: '2020-12' }),
      groupBy: [Dimension.ENTITY, Dimension.INVESTIGATION_STATUS, Dimension.NATIONALITY],
    };
    const statement = rollupStatement(peacekeeping.mapping, scope)!;
    expect(statement.rollup).toBe(2);
    const measure = async () => {
      await owner.query('ANALYZE');
      const explained = (await owner.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${statement.text}`, statement.values)).rows as Array<{
        'QUERY PLAN': Array<{ Plan: PlanNode }>;
      }>;
      const plan = explained[0]!['QUERY PLAN'][0]!;
      const count = async (table: string) => (await owner.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n as number;
      return {
        read: rowsRead(plan.Plan, rollupTable(2)),
        groups: await count(rollupGroupTable(2)),
        rows: await count(rollupTable(2)),
        records: await count('allegation'),
      };
    };
    const small = await measure();
    // The same records again three and six years earlier: the same groups, three times the
    // months and records (a month-grained rollup would read three times the rows).
    for (const years of [3, 6]) {
      await copyRecords(owner, `-${years}y`, `(received_month - interval '${years} years')::date`, "reference !~ '-[0-9]y$'");
    }
    const large = await measure();
    expect(large.records).toBe(3 * small.records);
    expect(large.rows).toBeGreaterThanOrEqual(2.5 * small.rows);
    expect(large.groups).toBeLessThanOrEqual(small.groups + 5);
    // Two lookups per group (the sums at the window's end and before its start), at most one row each.
    expect(small.read).toBeLessThanOrEqual(2 * small.groups);
    expect(large.read).toBeLessThanOrEqual(2 * large.groups);
    expect(large.read).toBeLessThanOrEqual(small.read + 10);
    await expectAnswersEqual(dataSource, [scope]);
  }, 180_000);

  it('visits only the groups with records in a short window of its finest rollup, so a month costs its own rows, not every group', async () => {
    const { owner, dataSource } = await open('cumulative_short_window');
    await dataSource.transaction((manager) => writeRecords(peacekeeping, manager, referenceRecords(peacekeeping.source)));
    // Its groups grow with the data as fast as the records, unlike the coarse rollups'.
    for (const years of [3, 6]) {
      await copyRecords(owner, `-${years}y`, `(received_month - interval '${years} years')::date`, "reference !~ '-[0-9]y$'");
    }
    await owner.query('ANALYZE');
    const table = rollupTable(5);
    const last = (await owner.query(`SELECT to_char(max(month), 'YYYY-MM') AS m FROM ${table}`)).rows[0].m as string;
    const scope: StatisticsScope = {
      kind: 'statistics',
      filter: normalizeFilter({ fromMonth: last, toMonth: last }),
      groupBy: [Dimension.PATERNITY, Dimension.ALLEGATION_TYPE],
    };
    const statement = rollupStatement(peacekeeping.mapping, scope)!;
    expect(statement.rollup).toBe(5);
    const count = async (sql: string) => (await owner.query(`SELECT count(*)::int AS n FROM ${sql}`)).rows[0].n as number;
    const groups = await count(rollupGroupTable(5));
    const inWindow = await count(`${table} WHERE to_char(month, 'YYYY-MM') = '${last}'`);
    // Every group has a row before the window's end: visiting them all would read one each at least.
    expect(inWindow * 10).toBeLessThan(groups);
    const explained = (await owner.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${statement.text}`, statement.values)).rows as Array<{
      'QUERY PLAN': Array<{ Plan: PlanNode }>;
    }>;
    const read = rowsRead(explained[0]!['QUERY PLAN'][0]!.Plan, table);
    // The window's rows counted, then found again for their groups, then two lookups per group of them.
    expect(read).toBeGreaterThan(0);
    expect(read).toBeLessThanOrEqual(4 * inWindow);
    await expectAnswersEqual(dataSource, [scope, { ...scope, filter: normalizeFilter({ fromMonth: '2000-01', toMonth: last }) }]);
  }, 180_000);

  it('puts each age band and target cut-off at the month the records’ statement ages to, on every day of three years', async () => {
    const client = await databases.ownerClient(await databases.cluster.ensureSourceDatabase('cumulative_size'));
    // For every day taken as today, every month and every cut-off: aged at least `days` by the
    // records' rule (today - month >= days) exactly when the month is before the cut-off.
    const { rows } = await client.query(
      `SELECT count(*) FILTER (WHERE ((d.day::date - m.month::date) >= a.days) <> (m.month::date < ${agedBefore('a.days', 'd.day::date')}))::int AS wrong,
           count(*) FILTER (WHERE (d.day::date - m.month::date) >= a.days)::int AS aged, count(*)::int AS n
         FROM generate_series('2024-01-01'::date, '2026-12-31'::date, '1 day') AS d (day)
         CROSS JOIN generate_series('2022-01-01'::date, '2027-12-01'::date, '1 month') AS m (month)
         CROSS JOIN unnest(ARRAY[90, 91, 180, 181, 365]) AS a (days)`,
    );
    expect(rows[0]).toEqual({ wrong: 0, aged: expect.any(Number), n: 1096 * 72 * 5 });
    expect(rows[0].aged).toBeGreaterThan(0);
  }, 60_000);
});
