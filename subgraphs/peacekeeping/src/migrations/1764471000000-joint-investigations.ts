import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who investigates an allegation becomes a list, kept in a table of its own: a joint
 * investigation (the TCC with OIOS, or the mission's own investigators with OIOS) has a row per
 * investigator. Loses nothing: each allegation's `investigated_by` becomes its one row, and
 * `down` puts it back, refusing while any allegation has two investigators (one column cannot
 * hold them).
 */
export class JointInvestigations1764471000000 implements MigrationInterface {
  name = 'JointInvestigations1764471000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE allegation_investigator (
        allegation_id bigint NOT NULL REFERENCES allegation (id) ON DELETE CASCADE,
        investigator text NOT NULL CHECK (investigator IN ('OIOS', 'TCC', 'PCC', 'NIO', 'mission', 'member state')),
        PRIMARY KEY (allegation_id, investigator)
      )`);
    await q.query(`
      INSERT INTO allegation_investigator (allegation_id, investigator)
      SELECT id, investigated_by FROM allegation WHERE investigated_by IS NOT NULL`);
    await q.query('ALTER TABLE allegation DROP COLUMN investigated_by');
  }

  async down(q: QueryRunner): Promise<void> {
    const [joint] = (await q.query(
      'SELECT count(*)::int AS n FROM (SELECT 1 FROM allegation_investigator GROUP BY allegation_id HAVING count(*) > 1) j',
    )) as Array<{ n: number }>;
    if ((joint?.n ?? 0) > 0)
      throw new Error(`${joint?.n} allegations have joint investigations, which a single investigated_by cannot hold`);
    await q.query('ALTER TABLE allegation ADD COLUMN investigated_by text');
    await q.query(`
      UPDATE allegation a SET investigated_by = i.investigator FROM allegation_investigator i WHERE i.allegation_id = a.id`);
    await q.query('DROP TABLE allegation_investigator');
  }
}
