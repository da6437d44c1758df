import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `investigated_by` lists every body investigating a notification (the reporting State with
 * the force command, say), in the force's own terms. Loses nothing: each value becomes a list
 * of one, none an empty list; `down` puts it back, refusing while any notification has two.
 */
export class JointInvestigations1764471000000 implements MigrationInterface {
  name = 'JointInvestigations1764471000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE notification
        ALTER COLUMN investigated_by TYPE text[]
          USING CASE WHEN investigated_by IS NULL THEN '{}'::text[] ELSE ARRAY[investigated_by] END,
        ALTER COLUMN investigated_by SET DEFAULT '{}',
        ALTER COLUMN investigated_by SET NOT NULL,
        ADD CONSTRAINT notification_investigated_by_known
          CHECK (investigated_by <@ ARRAY['reporting State', 'force command', 'OIOS', 'NIO', 'TCC', 'PCC']::text[])`);
  }

  async down(q: QueryRunner): Promise<void> {
    const [joint] = (await q.query(
      'SELECT count(*)::int AS n FROM notification WHERE cardinality(investigated_by) > 1',
    )) as Array<{ n: number }>;
    if ((joint?.n ?? 0) > 0)
      throw new Error(`${joint?.n} notifications have joint investigations, which a single investigated_by cannot hold`);
    await q.query(`
      ALTER TABLE notification
        DROP CONSTRAINT notification_investigated_by_known,
        ALTER COLUMN investigated_by DROP NOT NULL,
        ALTER COLUMN investigated_by DROP DEFAULT,
        ALTER COLUMN investigated_by TYPE text USING investigated_by[1]`);
  }
}
