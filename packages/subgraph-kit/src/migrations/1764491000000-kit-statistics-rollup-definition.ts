import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which definition the statistics rollups follow (a fingerprint of their DDL, derived from the
 * source's mapping). The rollups themselves are installed by the kit at start (rollup-ddl.ts),
 * since they must follow the mapping; a source reads them only while this row matches its
 * mapping, and the records otherwise. Empty until the owner first installs them.
 */
export class KitStatisticsRollupDefinition1764491000000 implements MigrationInterface {
  name = 'KitStatisticsRollupDefinition1764491000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'CREATE TABLE statistics_rollup_definition (id boolean PRIMARY KEY DEFAULT true CHECK (id), fingerprint text NOT NULL)',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      'DROP FUNCTION IF EXISTS psea_rollup_insert(), psea_rollup_update(), psea_rollup_delete(), psea_rollup_rebuild(), psea_rollup_joined_insert(), psea_rollup_joined_update(), psea_rollup_joined_delete() CASCADE',
    );
    for (const { tablename } of (await q.query(
      "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename ~ '^statistics_rollup_[0-9]+$'",
    )) as Array<{ tablename: string }>)
      await q.query(`DROP TABLE "${tablename}"`);
    await q.query('DROP TABLE statistics_rollup_definition');
  }
}
