import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Makes the audit log tamper-evident: each row carries the SHA-256 of its own content chained
 * to the previous row's hash. The hash is computed by PostgreSQL in a BEFORE INSERT trigger that
 * first takes a transaction-scoped advisory lock, so concurrent writers are serialised and the
 * chain follows the ids. Columns added later must be nullable without a default (nulls are left
 * out of the hashed content), or the rows written before them would no longer verify.
 */
export class KitAuditChain1764460000400 implements MigrationInterface {
  name = 'KitAuditChain1764460000400';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE audit_log ADD COLUMN prev_hash text, ADD COLUMN hash text');
    // One definition of a row's hash, used by the trigger and by `psea audit verify`. UTC so the
    // timestamp's text does not depend on the session's time zone.
    await q.query(`
      CREATE FUNCTION audit_log_row_hash(prev text, r audit_log) RETURNS text LANGUAGE sql STABLE
      SET timezone = 'UTC' AS $$
        SELECT encode(sha256(convert_to(
          coalesce(prev, '') || '|' || (jsonb_strip_nulls(to_jsonb(r) - 'hash' - 'prev_hash'))::text, 'UTF8')), 'hex')
      $$`);
    await q.query(`
      CREATE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        last text;
      BEGIN
        -- Serialise writers until commit; the id is taken under the lock so ids follow the chain.
        PERFORM pg_advisory_xact_lock(7305214650410251);
        NEW.id := nextval(pg_get_serial_sequence('audit_log', 'id'));
        SELECT hash INTO last FROM audit_log ORDER BY id DESC LIMIT 1;
        NEW.prev_hash := last;
        NEW.hash := audit_log_row_hash(last, NEW);
        RETURN NEW;
      END $$`);
    // Rows written before the chain existed get their hashes once, in id order.
    await q.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_or_delete');
    await q.query(`
      DO $$
      DECLARE
        r audit_log;
        last text;
      BEGIN
        FOR r IN SELECT * FROM audit_log ORDER BY id LOOP
          UPDATE audit_log SET prev_hash = last, hash = audit_log_row_hash(last, r) WHERE id = r.id
          RETURNING hash INTO last;
        END LOOP;
      END $$`);
    await q.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_or_delete');
    await q.query(`
      CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_chain()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER audit_log_chain ON audit_log');
    await q.query('DROP FUNCTION audit_log_chain()');
    await q.query('DROP FUNCTION audit_log_row_hash(text, audit_log)');
    await q.query('ALTER TABLE audit_log DROP COLUMN hash, DROP COLUMN prev_hash');
  }
}
