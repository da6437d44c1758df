import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A case file names every investigator (`investigators`, the agency's own codes): a joint
 * investigation, e.g. the agency's own service with OIOS, has two. Loses nothing: each file's
 * `investigator` becomes its one-item list, and `down` puts it back, refusing while any file has
 * two investigators (one column cannot hold them).
 */
export class JointInvestigations1764471000000 implements MigrationInterface {
  name = 'JointInvestigations1764471000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE case_file ADD COLUMN investigators text[] NOT NULL DEFAULT '{}'
        CHECK (investigators <@ ARRAY['OIOS', 'own investigation service', 'NIO', 'TCC', 'PCC', 'national authorities']::text[])`);
    await q.query('UPDATE case_file SET investigators = ARRAY[investigator] WHERE investigator IS NOT NULL');
    await q.query('ALTER TABLE case_file DROP COLUMN investigator');
  }

  async down(q: QueryRunner): Promise<void> {
    const [joint] = (await q.query('SELECT count(*)::int AS n FROM case_file WHERE cardinality(investigators) > 1')) as Array<{
      n: number;
    }>;
    if ((joint?.n ?? 0) > 0)
      throw new Error(`${joint?.n} case files have joint investigations, which a single investigator cannot hold`);
    await q.query('ALTER TABLE case_file ADD COLUMN investigator text');
    await q.query('UPDATE case_file SET investigator = investigators[1]');
    await q.query('ALTER TABLE case_file DROP COLUMN investigators');
  }
}
