import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tables every source has in the same form, owned by the kit: the append-only audit log of
 * case-level reads and screenings, and the subjects' pseudonyms (never their identifiers).
 */
export class KitAuditAndPseudonyms1764460000100 implements MigrationInterface {
  name = 'KitAuditAndPseudonyms1764460000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        subject text NOT NULL,
        role text NOT NULL,
        operation text NOT NULL,
        scope jsonb NOT NULL,
        records int NOT NULL CHECK (records >= 0),
        record_ids text[] NOT NULL
      )`);
    await q.query('CREATE INDEX audit_log_at ON audit_log (at)');
    // Append-only, enforced by PostgreSQL: no role the application uses can change history.
    await q.query(`
      CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER audit_log_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only()`);
    await q.query(`
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only()`);
    await q.query('REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM PUBLIC');

    await q.query(`
      CREATE TABLE subject_pseudonym (
        allegation_id bigint NOT NULL,
        pseudonym text NOT NULL CHECK (pseudonym ~ '^[0-9a-f]{64}$'),
        PRIMARY KEY (allegation_id, pseudonym)
      )`);
    await q.query('CREATE INDEX subject_pseudonym_lookup ON subject_pseudonym (pseudonym)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE subject_pseudonym');
    await q.query('DROP TRIGGER audit_log_no_truncate ON audit_log');
    await q.query('DROP TRIGGER audit_log_no_update_or_delete ON audit_log');
    await q.query('DROP TABLE audit_log');
    await q.query('DROP FUNCTION audit_log_is_append_only()');
  }
}
