import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every close and reopen of a period, at the data version it took effect
 * (`period_submission_change`), so a statistics answer as of an edition's data version says
 * which entities had submitted then, as the record history says what the records were: the
 * state of an entity's quarter at version v is its latest change at a version <= v. Each change
 * bumps the data version (`changePeriod`), so no two states share a version. Changes made
 * before this table existed did not bump it: they are copied at the version they recorded.
 * Written only by the owner role, like `period_submission`.
 */
export class KitPeriodSubmissionHistory1764950000000 implements MigrationInterface {
  name = 'KitPeriodSubmissionHistory1764950000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE period_submission_change (
        entity text NOT NULL,
        quarter text NOT NULL CHECK (quarter ~ '^[0-9]{4}Q[1-4]$'),
        data_version bigint NOT NULL,
        closed boolean NOT NULL,
        changed_at timestamptz NOT NULL,
        changed_by text NOT NULL,
        PRIMARY KEY (entity, quarter, data_version)
      )`);
    await q.query(
      'INSERT INTO period_submission_change (entity, quarter, data_version, closed, changed_at, changed_by) ' +
        'SELECT entity, quarter, data_version, closed, changed_at, changed_by FROM period_submission',
    );
    await q.query('REVOKE ALL ON period_submission_change FROM PUBLIC');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE period_submission_change');
  }
}
