import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The history trigger computes each new row's `to_jsonb` once, not twice (stored and hashed):
 * on a bulk load the history was the largest per-row cost inside PostgreSQL after the rollups
 * (bench/results/ingest-copy.md). The hash is unchanged (md5 of the same jsonb text), so rows
 * already in `record_history` still match the rows they describe.
 */
export class KitHistoryRowOnce1765100000200 implements MigrationInterface {
  name = 'KitHistoryRowOnce1765100000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      historyFunction('SELECT TG_TABLE_NAME, j, md5(j::text), v FROM (SELECT to_jsonb(n) AS j FROM psea_new_rows n) n'),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(historyFunction('SELECT TG_TABLE_NAME, to_jsonb(n), md5(to_jsonb(n)::text), v FROM psea_new_rows n'));
  }
}

/** `psea_record_history` (see KitProvenance1764481000000) with `newRows` as the SELECT of the history rows to insert. */
function historyFunction(newRows: string): string {
  return `
    CREATE OR REPLACE FUNCTION psea_record_history() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = public, pg_temp AS $$
    DECLARE
      v bigint;
    BEGIN
      SELECT version INTO v FROM data_version;
      IF TG_OP = 'TRUNCATE' THEN
        UPDATE record_history SET valid_to = v WHERE table_name = TG_TABLE_NAME AND valid_to IS NULL;
        RETURN NULL;
      END IF;
      IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE record_history h SET valid_to = v
        FROM (SELECT md5(to_jsonb(o)::text) AS row_hash FROM psea_old_rows o) o
        WHERE h.table_name = TG_TABLE_NAME AND h.valid_to IS NULL AND h.row_hash = o.row_hash;
      END IF;
      IF TG_OP IN ('UPDATE', 'INSERT') THEN
        INSERT INTO record_history (table_name, row_data, row_hash, valid_from)
        ${newRows};
      END IF;
      RETURN NULL;
    END $$`;
}
