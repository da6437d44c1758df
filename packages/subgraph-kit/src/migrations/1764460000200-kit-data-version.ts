import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A counter that every write to the source's data tables bumps (statement triggers, installed
 * by the kit at start for the tables of the mapping). Cached statistics are keyed by it, so a
 * change made by any path, the hub's ingest or the entity's own systems, is seen at once.
 */
export class KitDataVersion1764460000200 implements MigrationInterface {
  name = 'KitDataVersion1764460000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE TABLE data_version (id boolean PRIMARY KEY DEFAULT true CHECK (id), version bigint NOT NULL)');
    await q.query('INSERT INTO data_version (id, version) VALUES (true, 0)');
    await q.query(`
      CREATE FUNCTION bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE data_version SET version = version + 1;
        RETURN NULL;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP FUNCTION bump_data_version() CASCADE');
    await q.query('DROP TABLE data_version');
  }
}
