import { pseudonymize, sourcePseudonym } from '@psea/contract';
import type { DataSource, EntityManager } from 'typeorm';
import type { SubgraphDefinition } from './subgraph-definition';

/**
 * The two keys a subject's stored pseudonym is made with: the deployment's screening key (held by
 * the gateway and by whoever ingests) and the source's own key (held by the source's service and
 * whoever ingests). Only the ingest tool ever holds both.
 */
export interface PseudonymKeys {
  readonly deployment: Buffer;
  readonly source: Buffer;
}

/** The pseudonym a source stores for a normalised identifier. */
export function storedPseudonym(keys: PseudonymKeys, canonicalIdentifier: string): string {
  return sourcePseudonym(keys.source, pseudonymize(keys.deployment, canonicalIdentifier));
}

/** Whether the source holds no allegation yet. */
export async function isEmpty(dataSource: DataSource, definition: SubgraphDefinition): Promise<boolean> {
  const rows = (await dataSource.query(`SELECT EXISTS (SELECT 1 FROM ${definition.mapping.from}) AS present`)) as Array<{
    present: boolean;
  }>;
  return rows[0]?.present !== true;
}

/** How many legacy pseudonyms are re-keyed per statement: memory stays flat whatever their number. */
const REKEY_BATCH = 5_000;

/**
 * Pseudonyms stored before sources had keys of their own (deployment pseudonyms) are keyed again
 * under the source's key, once, in one transaction, by the tools that load data (`psea ingest`,
 * `psea seed`, `npm start`): screening then finds them as before.
 */
export async function rekeyLegacyPseudonyms(dataSource: DataSource, sourceKey: Buffer, batchSize = REKEY_BATCH): Promise<number> {
  return dataSource.transaction((manager) => rekeyLegacyPseudonymsIn(manager, sourceKey, batchSize));
}

/**
 * `rekeyLegacyPseudonyms` inside the caller's transaction (the ingest's own, so a refused file
 * re-keys nothing). Streamed in batches in key order (the HMAC needs the source's key, which
 * PostgreSQL never holds): each batch is deleted and returned, keyed here, inserted back, and
 * the next starts after the last key, so the index is walked once and at most `batchSize`
 * pseudonyms are in memory at a time.
 */
export async function rekeyLegacyPseudonymsIn(
  manager: EntityManager,
  sourceKey: Buffer,
  batchSize = REKEY_BATCH,
): Promise<number> {
  let after: [string, string] | null = null;
  let total = 0;
  for (;;) {
    const from: string = after === null ? '' : 'AND (allegation_id, pseudonym) > ($2::bigint, $3::text)';
    // In a SELECT over the DELETE: ordered (the last row is where the next batch starts), and
    // TypeORM answers a SELECT with its rows.
    const rows = (await manager.query(
      'WITH gone AS (DELETE FROM subject_pseudonym WHERE (allegation_id, pseudonym) IN (' +
        `SELECT allegation_id, pseudonym FROM subject_pseudonym WHERE NOT keyed_by_source ${from} ` +
        'ORDER BY allegation_id, pseudonym LIMIT $1) RETURNING allegation_id, pseudonym) ' +
        'SELECT allegation_id::text AS id, pseudonym FROM gone ORDER BY allegation_id, pseudonym',
      after === null ? [batchSize] : [batchSize, ...after],
    )) as Array<{ id: string; pseudonym: string }>;
    if (rows.length === 0) return total;
    await manager.query(
      'INSERT INTO subject_pseudonym (allegation_id, pseudonym, keyed_by_source) ' +
        'SELECT a, p, true FROM unnest($1::bigint[], $2::text[]) AS u (a, p) ON CONFLICT DO NOTHING',
      [rows.map((r) => r.id), rows.map((r) => sourcePseudonym(sourceKey, r.pseudonym))],
    );
    total += rows.length;
    const last = rows[rows.length - 1] as { id: string; pseudonym: string };
    after = [last.id, last.pseudonym];
  }
}

/** How many stored pseudonyms still wait to be keyed under the source's key. */
export async function legacyPseudonymCount(dataSource: DataSource): Promise<number> {
  const rows = (await dataSource.query('SELECT count(*)::int AS n FROM subject_pseudonym WHERE NOT keyed_by_source')) as Array<{
    n: number;
  }>;
  return rows[0]?.n ?? 0;
}
