import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Stored pseudonyms become keyed by the source's own key (docs/security.md). Rows written before
 * are marked, and the service re-keys them at start (`rekeyLegacyPseudonyms`): a migration holds
 * no key.
 */
export class KitSourceKeyedPseudonyms1764460000310 implements MigrationInterface {
  name = 'KitSourceKeyedPseudonyms1764460000310';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE subject_pseudonym ADD COLUMN keyed_by_source boolean NOT NULL DEFAULT false');
    await q.query('ALTER TABLE subject_pseudonym ALTER COLUMN keyed_by_source SET DEFAULT true');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE subject_pseudonym DROP COLUMN keyed_by_source');
  }
}
