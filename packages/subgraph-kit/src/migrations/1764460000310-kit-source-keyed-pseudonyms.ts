import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Stored pseudonyms become keyed by the source's own key (docs/security.md). Rows written before
 * are marked false and re-keyed by the ingest tools (`rekeyLegacyPseudonyms`): a migration holds
 * no key. No default: a writer that does not know about source keys fails loudly instead of
 * storing values screening would never find.
 */
export class KitSourceKeyedPseudonyms1764460000310 implements MigrationInterface {
  name = 'KitSourceKeyedPseudonyms1764460000310';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE subject_pseudonym ADD COLUMN keyed_by_source boolean NOT NULL DEFAULT false');
    await q.query('ALTER TABLE subject_pseudonym ALTER COLUMN keyed_by_source DROP DEFAULT');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE subject_pseudonym DROP COLUMN keyed_by_source');
  }
}
