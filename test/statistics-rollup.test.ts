import { Client } from 'pg';
import {
  AllegationType,
  Dimension,
  InvestigationStatus,
  LIST_DIMENSIONS,
  PersonnelCategory,
  StatisticsScope,
  normalizeFilter,
  sourceSlug,
} from '@psea/contract';
import { Random, referenceRecords } from '@psea/reference-data';
import { SubgraphDefinition, statisticsStatement, writeRecords } from '@psea/subgraph-kit';
import { rollupStatement } from '../packages/subgraph-kit/src/rollup/rollup-statement';
import { statisticsResult } from '../packages/subgraph-kit/src/sql/statistics-query';
import { ROLLUPS, rollupGroupTable, rollupTable } from '../packages/subgraph-kit/src/rollup/rollup-columns';
import { rollupFill } from '../packages/subgraph-kit/src/rollup/rollup-maintenance';
import { definition as peacekeeping } from '../subgraphs/peacekeeping/src/index';
import { definition as agencies } from '../subgraphs/agencies/src/index';
import { definition as nonUnForces } from '../subgraphs/non-un-forces/src/index';
import { useTestCluster } from './support/test-cluster';

const DEFINITIONS: readonly SubgraphDefinition[] = [peacekeeping, agencies, nonUnForces];
const SINGLE_VALUED = Object.values(Dimension).filter((d) => !LIST_DIMENSIONS.includes(d));

/** The records' table and its non-unique columns (a copy of a valid row's is valid). */
async function recordTable(client: Client, definition: SubgraphDefinition) {
  const table = (/^\s*([a-z_]+)/.exec(definition.mapping.from) as RegExpExecArray)[1] as string;
  const { rows } = await client.query(
    `SELECT a.attname AS name, EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = a.attrelid AND i.indisunique AND a.attnum = ANY(i.indkey)) AS is_unique
     FROM pg_attribute a WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum`,
    [table],
  );
  const copied = rows.filter((r) => !r.is_unique).map((r) => `"${r.name}"`);
  const unique = rows.filter((r) => r.is_unique && r.name !== 'id').map((r) => `"${r.name}"`);
  return { table, copied, unique };
}

async function ids(client: Client, table: string): Promise<number[]> {
  return (await client.query(`SELECT id FROM ${table} ORDER BY id`)).rows.map((r) => Number(r.id));
}

const pickSome = <T>(rng: Random, items: readonly T[], max: number): T[] => [
  ...new Set(Array.from({ length: rng.int(1, max) }, () => rng.pick(items))),
];

/**
 * Inserts, updates and deletes made straight in the source's tables, as the entity's own system
 * would (not through the kit): single rows and many rows per statement, and a change to a joined
 * table (a mission's or an office's code) that changes what existing records read as.
 */
async function mutate(client: Client, definition: SubgraphDefinition, rng: Random, round: number): Promise<void> {
  const { table, copied, unique } = await recordTable(client, definition);
  const all = await ids(client, table);
  const copy = pickSome(rng, all, 20);
  await client.query(
    `INSERT INTO ${table} (${[...copied, ...unique].join(', ')}) SELECT ${[...copied, ...unique.map((u) => `${u} || '-r${round}'`)].join(', ')} FROM ${table} WHERE id = ANY($1::bigint[])`,
    [copy],
  );
  // One row at a time, then many in one statement: each takes another row's values.
  for (let i = 0; i < 5; i++) {
    await client.query(
      `UPDATE ${table} SET (${copied.join(', ')}) = (SELECT ${copied.join(', ')} FROM ${table} s WHERE s.id = $2) WHERE id = $1`,
      [rng.pick(all), rng.pick(all)],
    );
  }
  const targets = pickSome(rng, all, 40);
  await client.query(
    `UPDATE ${table} dst SET (${copied.join(', ')}) = (SELECT ${copied.join(', ')} FROM ${table} s WHERE s.id = m.src)
     FROM unnest($1::bigint[], $2::bigint[]) AS m (dst, src) WHERE dst.id = m.dst`,
    [targets, targets.map(() => rng.pick(all))],
  );
  const gone = pickSome(rng, all, 15);
  await client.query('DELETE FROM subject_pseudonym WHERE allegation_id = ANY($1::bigint[])', [gone]);
  await client.query(`DELETE FROM ${table} WHERE id = ANY($1::bigint[])`, [gone]);
  if (round === 2) {
    // Some records into the last fourteen months, so open cases fall on both sides of every age
    // band and of both targets (the reference data is years old: all of it is past them).
    const recent = pickSome(rng, await ids(client, table), 40);
    await client.query(RECENT[definition.source] as string, [recent, recent.map(() => rng.int(0, 14))]);
  }
  if (round === 3) {
    // Every record of one entity in one month goes: its groups lose that month (and a group
    // that had no other month goes altogether).
    const { mapping } = definition;
    const { rows } = await client.query(
      `SELECT ${mapping.entity} AS entity, ${mapping.reported} AS month FROM ${mapping.from} GROUP BY 1, 2 ORDER BY count(*), 1, 2 LIMIT 3`,
    );
    for (const { entity, month } of rows) {
      const gone = (
        await client.query(
          `SELECT ${mapping.id} AS id FROM ${mapping.from} WHERE ${mapping.entity} = $1 AND ${mapping.reported} = $2`,
          [entity, month],
        )
      ).rows.map((r) => Number(r.id));
      await client.query('DELETE FROM subject_pseudonym WHERE allegation_id = ANY($1::bigint[])', [gone]);
      await client.query(`DELETE FROM ${table} WHERE id = ANY($1::bigint[])`, [gone]);
    }
  }
  if (round === 1) {
    const joined = (/\bJOIN\s+([a-z_]+)/i.exec(definition.mapping.from) as RegExpExecArray)[1] as string;
    await client.query(`UPDATE ${joined} SET code = code || 'X' WHERE id = (SELECT min(id) FROM ${joined})`);
  }
}

const month = "date_trunc('month', CURRENT_DATE - make_interval(months => m.ago))::date";
/** Moves records (ids, months ago) to a recent month received, in each source's native columns. */
const RECENT: Partial<Record<string, string>> = {
  [peacekeeping.source]: `UPDATE allegation a SET received_month = ${month} FROM unnest($1::bigint[], $2::int[]) AS m (id, ago) WHERE a.id = m.id`,
  [agencies.source]: `UPDATE case_file f SET received_year = extract(year FROM ${month}), received_month = extract(month FROM ${month}) FROM unnest($1::bigint[], $2::int[]) AS m (id, ago) WHERE f.id = m.id`,
  [nonUnForces.source]: `UPDATE notification n SET received_on = ${month} FROM unnest($1::bigint[], $2::int[]) AS m (id, ago) WHERE n.id = m.id`,
};

/** The month `ago` months before this one (negative: after it), 'YYYY-MM'. */
function monthsAgo(ago: number): string {
  const now = new Date();
  const month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - ago, 1));
  return month.toISOString().slice(0, 7);
}

/** The month `delta` months after a 'YYYY-MM'. */
function shift(month: string, delta: number): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, m - 1 + delta, 1)).toISOString().slice(0, 7);
}

/**
 * Requests that pick each rollup (the smallest covering their groupings), over windows at the
 * edges of the data: before its first month and after its last, one month, open at either end,
 * and each recent month alone (every cut-off of the age bands and targets falls at one of them).
 */
function edgeScopes(first: string, last: string): StatisticsScope[] {
  const byRollup: Dimension[][] = [
    [Dimension.ALLEGATION_TYPE, Dimension.PERSONNEL_CATEGORY],
    [Dimension.ENTITY, Dimension.INCIDENT_YEAR, Dimension.YEAR],
    [Dimension.ENTITY, Dimension.NATIONALITY, Dimension.INVESTIGATION_STATUS],
    [Dimension.PATERNITY, Dimension.MEMBER_STATE_RESPONSE, Dimension.QUARTER],
    [Dimension.NATIONALITY, Dimension.ALLEGATION_TYPE, Dimension.MONTH],
    [Dimension.PATERNITY, Dimension.ALLEGATION_TYPE],
  ];
  const windows: Array<Record<string, string>> = [
    { fromMonth: shift(first, -6), toMonth: shift(first, -1) },
    { fromMonth: shift(first, -6), toMonth: first },
    { fromMonth: first, toMonth: first },
    { fromMonth: shift(last, 1), toMonth: shift(last, 4) },
    { fromMonth: last },
    { toMonth: first },
    { fromMonth: shift(first, 1), toMonth: shift(last, -1) },
    {},
    ...Array.from({ length: 16 }, (_, i) => ({ fromMonth: monthsAgo(i), toMonth: monthsAgo(i) })),
    { fromMonth: monthsAgo(15) },
  ];
  return windows.map((window, i) => ({
    kind: 'statistics',
    filter: normalizeFilter(window),
    groupBy: [...(byRollup[i % byRollup.length] as Dimension[])].sort(),
  }));
}

/** A random statistics request over single-valued dimensions, with random filters. */
function randomScope(rng: Random, entities: readonly string[], nationalities: readonly string[]): StatisticsScope {
  const groupBy = rng.chance(0.15) ? [] : pickSome(rng, SINGLE_VALUED, 3);
  const fromYear = rng.int(2013, 2018);
  const input: Record<string, unknown> = {};
  if (rng.chance(0.25)) {
    // Around today: the open cases' age bands and targets cut these windows (and periods).
    const start = rng.int(0, 16);
    input['fromMonth'] = monthsAgo(start);
    if (rng.chance(0.8)) input['toMonth'] = monthsAgo(Math.max(-2, start - rng.int(0, 6)));
  } else if (rng.chance(0.6)) {
    input['fromMonth'] = `${fromYear}-${String(rng.int(1, 12)).padStart(2, '0')}`;
    input['toMonth'] = `${fromYear + rng.int(0, 2)}-${String(rng.int(1, 12)).padStart(2, '0')}`;
    if (String(input['toMonth']) < String(input['fromMonth'])) input['toMonth'] = input['fromMonth'];
    if (rng.chance(0.15)) delete input[rng.chance(0.5) ? 'fromMonth' : 'toMonth'];
  }
  if (rng.chance(0.3)) input['entities'] = pickSome(rng, entities, 3);
  if (rng.chance(0.3)) input['allegationTypes'] = pickSome(rng, Object.values(AllegationType), 2);
  if (rng.chance(0.3)) input['personnelCategories'] = pickSome(rng, Object.values(PersonnelCategory), 3);
  if (rng.chance(0.3)) input['investigationStatuses'] = pickSome(rng, Object.values(InvestigationStatus), 3);
  if (rng.chance(0.2) && nationalities.length) input['nationalities'] = pickSome(rng, nationalities, 3);
  if (rng.chance(0.2)) input['involvingMinors'] = rng.chance(0.5);
  return { kind: 'statistics', filter: normalizeFilter(input), groupBy: [...groupBy].sort() };
}

function known(entity: string): boolean {
  try {
    normalizeFilter({ entities: [entity] });
    return true;
  } catch {
    return false;
  }
}

/**
 * The rollups as the triggers kept them equal the rollups counted afresh from the records (in a
 * transaction rolled back): the same running sums at the same months, no month without records
 * (deletes and moves leave none behind) and no group without a month.
 */
async function expectRebuiltEqual(owner: Client, definition: SubgraphDefinition): Promise<void> {
  const snapshot = async () => {
    const out: string[] = [];
    for (let i = 0; i < ROLLUPS.length; i++) {
      for (const table of [rollupTable(i), rollupGroupTable(i)]) {
        const { rows } = await owner.query(`SELECT to_jsonb(r)::text AS row FROM ${table} r`);
        out.push(...rows.map((r) => `${table} ${r.row as string}`).sort());
      }
    }
    return out;
  };
  const maintained = await snapshot();
  for (let i = 0; i < ROLLUPS.length; i++) {
    const { rows } = await owner.query(
      `SELECT (SELECT count(*) FROM ${rollupTable(i)} WHERE month_allegations <= 0)::int AS empty_months, ` +
        `(SELECT count(*) FROM ${rollupGroupTable(i)} g WHERE NOT EXISTS (SELECT 1 FROM ${rollupTable(i)} c WHERE c.key = g.key))::int AS empty_groups, ` +
        `(SELECT count(*) FROM ${rollupTable(i)} c WHERE NOT EXISTS (SELECT 1 FROM ${rollupGroupTable(i)} g WHERE c.key = g.key))::int AS orphans`,
    );
    expect({ rollup: i, ...rows[0] }).toEqual({ rollup: i, empty_months: 0, empty_groups: 0, orphans: 0 });
  }
  await owner.query('BEGIN');
  try {
    for (let i = 0; i < ROLLUPS.length; i++) await owner.query(`TRUNCATE ${rollupTable(i)}, ${rollupGroupTable(i)}`);
    await owner.query(rollupFill(definition.mapping));
    expect(maintained).toEqual(await snapshot());
  } finally {
    await owner.query('ROLLBACK');
  }
  expect(maintained.length).toBeGreaterThan(0);
}

/** Rows in a stable order, so two answers compare whatever order the SQL gave them in. */
function canonical(answer: ReturnType<typeof statisticsResult>) {
  return { total: answer.total, rows: [...answer.rows].sort((a, b) => (JSON.stringify(a.key) < JSON.stringify(b.key) ? -1 : 1)) };
}

describe('statistics rollups kept by triggers in each source’s database', () => {
  const databases = useTestCluster();

  it.each(DEFINITIONS.map((d) => [sourceSlug(d.source), d] as const))(
    'answers like the %s records on random filters and groupings after random inserts, updates and deletes',
    async (name, definition) => {
      const { urls, dataSource } = await databases.sourceDatabase(`rollup_${name.replace(/-/g, '_')}`, definition);
      // Written after the rollups exist: the kit's own write path goes through the triggers too.
      await dataSource.transaction((manager) => writeRecords(definition, manager, referenceRecords(definition.source)));
      const owner = await databases.ownerClient(urls);
      const rng = new Random(1_764_491_000 + name.length);
      const run = async (statement: { text: string; values: unknown[] }) =>
        (await dataSource.query(statement.text, statement.values)) as Record<string, unknown>[];
      let compared = 0;
      let groupedRows = 0;
      const rollupsUsed = new Set<number>();
      for (let round = 0; round < 4; round++) {
        if (round > 0) await mutate(owner, definition, rng, round);
        // Known codes only (a renamed entity still shows in the groupings, but cannot be asked for).
        const entities = (
          await run({ text: `SELECT DISTINCT ${definition.mapping.entity} AS e FROM ${definition.mapping.from}`, values: [] })
        )
          .map((r) => String(r['e']))
          .filter((e) => known(e));
        const nationalities = (
          await run({
            text: `SELECT DISTINCT ${definition.mapping.nationality} AS n FROM ${definition.mapping.from} WHERE ${definition.mapping.nationality} IS NOT NULL`,
            values: [],
          })
        ).map((r) => String(r['n']));
        const { first, last } = (
          (await run({
            text: `SELECT to_char(min(${definition.mapping.reported}), 'YYYY-MM') AS first, to_char(max(${definition.mapping.reported}), 'YYYY-MM') AS last FROM ${definition.mapping.from}`,
            values: [],
          })) as Array<{ first: string; last: string }>
        )[0]!;
        const scopes = [
          ...Array.from({ length: 40 }, () => randomScope(rng, entities, nationalities)),
          ...edgeScopes(first, last),
        ];
        for (const scope of scopes) {
          const fromRecords = statisticsStatement(definition.mapping, scope);
          const fromRollup = rollupStatement(definition.mapping, scope);
          expect(fromRollup).toBeDefined();
          rollupsUsed.add(fromRollup!.rollup);
          const expected = statisticsResult(
            definition.mapping,
            definition.source,
            scope,
            fromRecords.dimensions,
            await run(fromRecords),
          );
          const actual = statisticsResult(
            definition.mapping,
            definition.source,
            scope,
            fromRollup!.dimensions,
            await run(fromRollup!),
          );
          expect({ scope, ...canonical(actual) }).toEqual({ scope, ...canonical(expected) });
          compared++;
          groupedRows += expected.rows.length;
        }
        await expectRebuiltEqual(owner, definition);
      }
      expect(compared).toBe(4 * (40 + 25));
      // Every rollup answered some of them.
      expect([...rollupsUsed].sort()).toEqual(ROLLUPS.map((_, i) => i));
      // The comparisons were not all of empty tables.
      expect(groupedRows).toBeGreaterThan(50);
    },
    300_000,
  );

  it('reads the records for multi-valued dimensions and for a Member State’s wait, which move with actions and today', () => {
    for (const dimension of LIST_DIMENSIONS) {
      expect(rollupStatement(peacekeeping.mapping, { kind: 'statistics', filter: {}, groupBy: [dimension] })).toBeUndefined();
    }
    const waiting = {
      kind: 'statistics' as const,
      filter: normalizeFilter({ awaitingMemberStateResponseDays: 90 }),
      groupBy: [],
    };
    expect(rollupStatement(peacekeeping.mapping, waiting)).toBeUndefined();
    // Every other request has a rollup: the smallest that covers it.
    expect(
      rollupStatement(peacekeeping.mapping, {
        kind: 'statistics',
        filter: normalizeFilter({ year: 2016 }),
        groupBy: [Dimension.ALLEGATION_TYPE],
      })?.rollup,
    ).toBe(0);
    expect(rollupStatement(peacekeeping.mapping, { kind: 'statistics', filter: {}, groupBy: [...SINGLE_VALUED] })?.rollup).toBe(
      ROLLUPS.length - 1,
    );
  });

  it('lets the serving role read the rollups but never write them', async () => {
    const urls = await databases.cluster.ensureSourceDatabase('rollup_peacekeeping');
    const runtime = new Client({ connectionString: urls.url });
    await runtime.connect();
    try {
      // Every table a read sums from: the running sums and the groups (a group deleted there
      // would drop its counts from every window that visits all groups).
      for (let i = 0; i < ROLLUPS.length; i++) {
        for (const table of [rollupTable(i), rollupGroupTable(i)]) {
          await runtime.query(`SELECT count(*) FROM ${table}`);
          await expect(runtime.query(`DELETE FROM ${table}`)).rejects.toThrow(/permission denied/);
          await expect(runtime.query(`UPDATE ${table} SET key = key`)).rejects.toThrow(/permission denied/);
        }
      }
      await expect(runtime.query('UPDATE statistics_rollup_definition SET fingerprint = $1', ['x'])).rejects.toThrow(
        /permission denied/,
      );
    } finally {
      await runtime.end();
    }
  }, 60_000);
});
