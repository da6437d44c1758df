import { createHash } from 'node:crypto';
import type { DataSource, QueryRunner } from 'typeorm';
import { assert } from '@psea/contract';
import type { ContractMapping } from '../sql/contract-mapping';
import { mappingTables } from '../database/data-version';
import {
  ROLLUPS,
  ROLLUP_KEYS,
  ROLLUP_MEASURES,
  ROLLUP_TABLE_PATTERN,
  rollupGroupTable,
  rollupKeys,
  rollupTable,
} from './rollup-columns';
import { addToRollups, dropEmpty, recordRows, rollupFill } from './rollup-maintenance';

export { rollupFill } from './rollup-maintenance';

/** The table that records which definition the installed rollups follow. */
export const ROLLUP_DEFINITION_TABLE = 'statistics_rollup_definition';

const FUNCTIONS = [
  'psea_rollup_insert',
  'psea_rollup_update',
  'psea_rollup_delete',
  'psea_rollup_rebuild',
  'psea_rollup_joined_insert',
  'psea_rollup_joined_update',
  'psea_rollup_joined_delete',
];

/**
 * The mapping's FROM with its first table (the records) read from a trigger's transition table
 * instead, under the same alias, so every expression of the mapping applies unchanged.
 */
export function fromTransition(mapping: ContractMapping, transition: 'new_rows' | 'old_rows'): string {
  const match = /^\s*([a-z_][a-z0-9_]*)(\s+(?:AS\s+)?([a-z_][a-z0-9_]*))?/i.exec(mapping.from);
  assert(match, `the mapping's FROM starts with its records' table: ${mapping.from}`);
  const table = match[1] as string;
  const alias = match[3];
  const keyword = alias !== undefined && /^(JOIN|LEFT|RIGHT|INNER|FULL|CROSS|NATURAL|WHERE|ON)$/i.test(alias);
  const rest = mapping.from.slice(match[0].length);
  return alias === undefined || keyword
    ? `${transition} AS ${table}${match[2] ?? ''}${rest}`
    : `${transition} AS ${alias}${rest}`;
}

function triggerFunction(name: string, body: string): string {
  // SECURITY DEFINER: the rollups are the owner's; the runtime role may read them but never
  // write them, so they change only as the records do.
  return `CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
${body}
RETURN NULL;
END $$`;
}

/**
 * Every statement that creates the rollups, their maintenance and their triggers (not the initial
 * fill). A joined table that a foreign key of the mapping's tables references (`foreignKeyed`)
 * gets no insert trigger: no existing record can refer to a row that did not exist, so a new
 * mission or office changes no count, and the ingest, which adds them batch by batch, does not
 * recount every record each time.
 */
export function rollupDdl(mapping: ContractMapping, foreignKeyed: readonly string[] = []): string[] {
  const [records, ...joinedTables] = mappingTables(mapping);
  assert(records, 'a mapping reads at least one table');
  // A list table (one row per value of a multi-valued dimension) is read by no key or measure:
  // list dimensions read the records. A write there changes no count, so it gets no trigger; it
  // had one that recounted every record, once per batch of an ingest (quadratic in the file).
  const joined = joinedTables.filter((table) => !(mapping.listTables ?? []).includes(table));
  const keyTypes = new Map(ROLLUP_KEYS.map((k) => [k.name, k.type]));
  const tables = ROLLUPS.flatMap((_, i) => {
    const table = rollupTable(i);
    const groups = rollupGroupTable(i);
    return [
      `CREATE TABLE ${groups} (key text PRIMARY KEY, ${rollupKeys(i)
        .map((k) => `${k} ${keyTypes.get(k) as string}`)
        .join(', ')})`,
      `CREATE TABLE ${table} (key text NOT NULL, month date NOT NULL, month_allegations int NOT NULL, ${ROLLUP_MEASURES.map(
        (m) => `${m.name} int NOT NULL`,
      ).join(', ')}, PRIMARY KEY (key, month))`,
      // Months left without records, found without a scan (dropEmpty).
      `CREATE INDEX ${table}_empty ON ${table} (key) WHERE month_allegations = 0`,
      // The groups with records inside a window, for a read that visits only those (windowGroups).
      `CREATE INDEX ${table}_month ON ${table} (month, key)`,
    ];
  });
  const rebuild = `${ROLLUPS.map((_, i) => `TRUNCATE ${rollupTable(i)}, ${rollupGroupTable(i)};`).join('\n')}\n${rollupFill(mapping)};`;
  const functions = [
    triggerFunction('psea_rollup_insert', `${addToRollups(recordRows(mapping, fromTransition(mapping, 'new_rows'), 1), true)};`),
    triggerFunction(
      'psea_rollup_update',
      `${addToRollups(
        `${recordRows(mapping, fromTransition(mapping, 'new_rows'), 1)} UNION ALL ${recordRows(mapping, fromTransition(mapping, 'old_rows'), -1)}`,
        true,
      )};\n${dropEmpty()};`,
    ),
    triggerFunction(
      'psea_rollup_delete',
      `${addToRollups(recordRows(mapping, fromTransition(mapping, 'old_rows'), -1), false)};\n${dropEmpty()};`,
    ),
    triggerFunction('psea_rollup_rebuild', rebuild),
    // A joined table (missions, offices, forces) changes what records read as: recount them all.
    // Rare, and only when a row really changed (the ingest's ON CONFLICT DO NOTHING changes none).
    triggerFunction('psea_rollup_joined_insert', `IF EXISTS (SELECT 1 FROM new_rows) THEN\n${rebuild}\nEND IF;`),
    triggerFunction(
      'psea_rollup_joined_update',
      `IF EXISTS (SELECT 1 FROM old_rows o WHERE NOT EXISTS (SELECT 1 FROM new_rows n WHERE n::text = o::text)) THEN\n${rebuild}\nEND IF;`,
    ),
    triggerFunction('psea_rollup_joined_delete', `IF EXISTS (SELECT 1 FROM old_rows) THEN\n${rebuild}\nEND IF;`),
  ];
  const on = (table: string, when: string, fn: string, referencing = '') =>
    `CREATE TRIGGER ${fn} AFTER ${when} ON "${table}" ${referencing} FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`;
  const triggers = [
    on(records, 'INSERT', 'psea_rollup_insert', 'REFERENCING NEW TABLE AS new_rows'),
    on(records, 'UPDATE', 'psea_rollup_update', 'REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows'),
    on(records, 'DELETE', 'psea_rollup_delete', 'REFERENCING OLD TABLE AS old_rows'),
    on(records, 'TRUNCATE', 'psea_rollup_rebuild'),
    ...joined.flatMap((table) => [
      ...(foreignKeyed.includes(table)
        ? []
        : [on(table, 'INSERT', 'psea_rollup_joined_insert', 'REFERENCING NEW TABLE AS new_rows')]),
      on(table, 'UPDATE', 'psea_rollup_joined_update', 'REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows'),
      on(table, 'DELETE', 'psea_rollup_joined_delete', 'REFERENCING OLD TABLE AS old_rows'),
      on(table, 'TRUNCATE', 'psea_rollup_rebuild'),
    ]),
  ];
  return [...tables, ...functions, ...triggers];
}

/** The joined tables of a mapping that a foreign key from one of its tables references. */
async function foreignKeyedTables(db: QueryRunner, mapping: ContractMapping): Promise<string[]> {
  const tables = mappingTables(mapping);
  const rows = (await db.query(
    "SELECT DISTINCT confrelid::regclass::text AS name FROM pg_constraint WHERE contype = 'f' " +
      'AND conrelid = ANY(SELECT to_regclass(t) FROM unnest($1::text[]) AS t) AND confrelid = ANY(SELECT to_regclass(t) FROM unnest($1::text[]) AS t)',
    [tables],
  )) as Array<{ name: string }>;
  return rows.map((r) => r.name.replace(/^"|"$/g, ''));
}

/** Identifies the rollups a mapping needs: a source reads its rollups only when the installed ones match. */
export function rollupFingerprint(mapping: ContractMapping): string {
  return createHash('sha256').update(rollupDdl(mapping).join(';\n')).digest('hex');
}

/**
 * Installs the rollups of a mapping, as the owner, at every start: nothing when the installed
 * ones match the mapping; otherwise, in one transaction, drops the old ones, creates the new and
 * counts every record into them. Derived from the mapping rather than a migration of its own,
 * because it must follow the mapping (and the source's migrations) whenever they change.
 * Serialised under an advisory lock, since replicas may start together.
 */
export async function installStatisticsRollups(dataSource: DataSource, mapping: ContractMapping): Promise<void> {
  const fingerprint = rollupFingerprint(mapping);
  const db = dataSource.createQueryRunner();
  await db.connect();
  await db.query('BEGIN');
  try {
    await db.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['psea-statistics-rollup']);
    const rows = (await db.query(`SELECT fingerprint FROM ${ROLLUP_DEFINITION_TABLE}`)) as Array<{ fingerprint: string }>;
    if (rows[0]?.fingerprint === fingerprint) {
      await db.query('COMMIT');
      return;
    }
    for (const fn of FUNCTIONS) await db.query(`DROP FUNCTION IF EXISTS ${fn}() CASCADE`);
    // Whatever form the installed rollups have (month-grained before the cumulative ones), they
    // are dropped and counted again from the records: an old installation upgrades at its start.
    const old = (await db.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename ~ $1", [
      ROLLUP_TABLE_PATTERN,
    ])) as Array<{ tablename: string }>;
    for (const { tablename } of old) await db.query(`DROP TABLE "${tablename}"`);
    for (const statement of rollupDdl(mapping, await foreignKeyedTables(db, mapping))) await db.query(statement);
    await db.query(rollupFill(mapping));
    await db.query(
      `INSERT INTO ${ROLLUP_DEFINITION_TABLE} (id, fingerprint) VALUES (true, $1) ON CONFLICT (id) DO UPDATE SET fingerprint = EXCLUDED.fingerprint`,
      [fingerprint],
    );
    await db.query('COMMIT');
  } catch (error) {
    await db.query('ROLLBACK');
    throw error;
  } finally {
    await db.release();
  }
}
