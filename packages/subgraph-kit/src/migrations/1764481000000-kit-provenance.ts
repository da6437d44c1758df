import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Provenance kept in every source's own database:
 * - `period_submission`: per entity and quarter, whether the entity's IT team has closed
 *   (submitted) the period, when, and at which data version. Written only by the owner role
 *   (`psea period close/reopen`), never by the serving role.
 * - `record_history`: every version of every row of the source's record tables, with its
 *   validity as a range of data versions, so a statistic can be answered as of an edition's
 *   version. Written only by triggers that run with the owner's rights, so writes by the
 *   entity's own systems are covered and the serving role cannot rewrite history.
 */
export class KitProvenance1764481000000 implements MigrationInterface {
  name = 'KitProvenance1764481000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE period_submission (
        entity text NOT NULL,
        quarter text NOT NULL CHECK (quarter ~ '^[0-9]{4}Q[1-4]$'),
        closed boolean NOT NULL,
        changed_at timestamptz NOT NULL DEFAULT now(),
        changed_by text NOT NULL,
        data_version bigint NOT NULL,
        PRIMARY KEY (entity, quarter)
      )`);
    await q.query(`
      CREATE TABLE record_history (
        id bigserial PRIMARY KEY,
        table_name text NOT NULL,
        row_data jsonb NOT NULL,
        row_hash text NOT NULL,
        valid_from bigint NOT NULL,
        valid_to bigint CHECK (valid_to IS NULL OR valid_to >= valid_from)
      )`);
    await q.query('CREATE INDEX record_history_open ON record_history (table_name, row_hash) WHERE valid_to IS NULL');
    await q.query('CREATE INDEX record_history_range ON record_history (table_name, valid_from, valid_to)');
    // The first data version each table's history covers: older versions cannot be reproduced.
    await q.query('CREATE TABLE record_history_start (table_name text PRIMARY KEY, since_version bigint NOT NULL)');
    // One function for every table and every event: the data version was bumped by the
    // statement trigger psea_data_version, which fires first (triggers fire in name order) and
    // holds the row lock of data_version until commit, so concurrent writers get distinct,
    // ordered versions.
    await q.query(`
      CREATE FUNCTION psea_record_history() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
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
          SELECT TG_TABLE_NAME, to_jsonb(n), md5(to_jsonb(n)::text), v FROM psea_new_rows n;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query('REVOKE ALL ON record_history, record_history_start, period_submission FROM PUBLIC');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP FUNCTION psea_record_history() CASCADE');
    await q.query('DROP TABLE record_history_start');
    await q.query('DROP TABLE record_history');
    await q.query('DROP TABLE period_submission');
  }
}
