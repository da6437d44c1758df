import type { DataSource } from 'typeorm';
import { mappingTables } from '../database/data-version';
import type { ContractMapping } from '../sql/contract-mapping';

/** The statement triggers that keep a table's history, one per event (transition tables need it). */
const HISTORY_TRIGGERS = [
  ['psea_history_insert', 'INSERT', 'REFERENCING NEW TABLE AS psea_new_rows'],
  ['psea_history_update', 'UPDATE', 'REFERENCING OLD TABLE AS psea_old_rows NEW TABLE AS psea_new_rows'],
  ['psea_history_delete', 'DELETE', 'REFERENCING OLD TABLE AS psea_old_rows'],
] as const;

/**
 * Keeps the history of every table the mapping reads (idempotent, at each start, as the owner,
 * like the data-version triggers: the tables are the source's own and change with its
 * migrations). Then reconciles the history with the table: rows written before the triggers
 * existed, or reshaped by a migration, are opened at a new data version, and history rows no
 * longer in the table are closed, so the history always ends where the table is.
 */
export async function installRecordHistory(dataSource: DataSource, mapping: ContractMapping): Promise<void> {
  for (const table of mappingTables(mapping)) {
    for (const [name, event, referencing] of HISTORY_TRIGGERS) {
      await dataSource.query(
        `CREATE OR REPLACE TRIGGER ${name} AFTER ${event} ON "${table}" ${referencing} ` +
          'FOR EACH STATEMENT EXECUTE FUNCTION psea_record_history()',
      );
    }
    await dataSource.query(
      `CREATE OR REPLACE TRIGGER psea_history_truncate AFTER TRUNCATE ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION psea_record_history()`,
    );
    await reconcile(dataSource, table);
  }
}

async function reconcile(dataSource: DataSource, table: string): Promise<void> {
  await dataSource.transaction(async (m) => {
    // Writers wait (the data version's row lock, then the table's) so nothing moves meanwhile.
    await m.query('SELECT version FROM data_version FOR UPDATE');
    await m.query(`LOCK TABLE "${table}" IN SHARE ROW EXCLUSIVE MODE`);
    const current = `SELECT md5(to_jsonb(x)::text) AS row_hash, to_jsonb(x) AS row_data FROM "${table}" x`;
    const [{ stale, fresh }] = (await m.query(
      `SELECT (SELECT count(*) FROM record_history h WHERE h.table_name = $1 AND h.valid_to IS NULL
                 AND NOT EXISTS (SELECT 1 FROM (${current}) c WHERE c.row_hash = h.row_hash))::int AS stale,
              (SELECT count(*) FROM (${current}) c WHERE NOT EXISTS (SELECT 1 FROM record_history h
                 WHERE h.table_name = $1 AND h.valid_to IS NULL AND h.row_hash = c.row_hash))::int AS fresh`,
      [table],
    )) as [{ stale: number; fresh: number }];
    if (stale > 0 || fresh > 0) {
      // A change the history had not seen is a change of the data: it gets a version of its own.
      // (As a SELECT: TypeORM answers an UPDATE with [rows, count], a SELECT with its rows.)
      const [{ version }] = (await m.query(
        'WITH bumped AS (UPDATE data_version SET version = version + 1 RETURNING version) SELECT version::text AS version FROM bumped',
      )) as [{ version: string }];
      await m.query(
        `UPDATE record_history h SET valid_to = $2 WHERE h.table_name = $1 AND h.valid_to IS NULL
           AND NOT EXISTS (SELECT 1 FROM (${current}) c WHERE c.row_hash = h.row_hash)`,
        [table, version],
      );
      await m.query(
        `INSERT INTO record_history (table_name, row_data, row_hash, valid_from)
         SELECT $1, c.row_data, c.row_hash, $2 FROM (${current}) c WHERE NOT EXISTS (SELECT 1 FROM record_history h
           WHERE h.table_name = $1 AND h.valid_to IS NULL AND h.row_hash = c.row_hash)`,
        [table, version],
      );
    }
    await m.query(
      'INSERT INTO record_history_start (table_name, since_version) SELECT $1, version FROM data_version ON CONFLICT DO NOTHING',
      [table],
    );
  });
}

/** A data version as the hub writes it: a whole number, at most 18 digits. */
export function isDataVersion(value: string): boolean {
  return /^(0|[1-9][0-9]{0,17})$/.test(value);
}

/**
 * The statement `text` as of data version `version`: each table the mapping reads is shadowed
 * by a common table expression of the same name holding its rows valid at that version, so the
 * very statement that answers today answers for the past, with the same mapping and the same
 * disclosure checks. `version` must pass isDataVersion (it is written into the SQL).
 */
export function asOfText(text: string, mapping: ContractMapping, version: string): string {
  if (!isDataVersion(version)) throw new Error(`not a data version: ${version}`);
  const ctes = mappingTables(mapping).map(
    (table) =>
      `"${table}" AS (SELECT (jsonb_populate_record(NULL::public."${table}", h.row_data)).* FROM record_history h ` +
      `WHERE h.table_name = '${table}' AND h.valid_from <= ${version} AND (h.valid_to IS NULL OR h.valid_to > ${version}))`,
  );
  return /^\s*WITH\s/i.test(text) ? text.replace(/^\s*WITH\s/i, `WITH ${ctes.join(', ')}, `) : `WITH ${ctes.join(', ')} ${text}`;
}
