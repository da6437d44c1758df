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

/**
 * Pseudonyms stored before sources had keys of their own (deployment pseudonyms) are keyed again
 * under the source's key, once, in one transaction, by the tools that load data (`psea ingest`,
 * `psea seed`, `npm start`): screening then finds them as before.
 */
export async function rekeyLegacyPseudonyms(dataSource: DataSource, sourceKey: Buffer): Promise<number> {
  return dataSource.transaction((manager) => rekeyLegacyPseudonymsIn(manager, sourceKey));
}

/** `rekeyLegacyPseudonyms` inside the caller's transaction (the ingest's own, so a refused file re-keys nothing). */
export async function rekeyLegacyPseudonymsIn(manager: EntityManager, sourceKey: Buffer): Promise<number> {
  const legacy = (await manager.query(
    'DELETE FROM subject_pseudonym WHERE NOT keyed_by_source RETURNING allegation_id::text AS id, pseudonym',
  )) as [Array<{ id: string; pseudonym: string }>, number];
  const rows = legacy[0];
  if (rows.length === 0) return 0;
  await manager.query(
    'INSERT INTO subject_pseudonym (allegation_id, pseudonym, keyed_by_source) ' +
      'SELECT a, p, true FROM unnest($1::bigint[], $2::text[]) AS u (a, p) ON CONFLICT DO NOTHING',
    [rows.map((r) => r.id), rows.map((r) => sourcePseudonym(sourceKey, r.pseudonym))],
  );
  return rows.length;
}

/** How many stored pseudonyms still wait to be keyed under the source's key. */
export async function legacyPseudonymCount(dataSource: DataSource): Promise<number> {
  const rows = (await dataSource.query('SELECT count(*)::int AS n FROM subject_pseudonym WHERE NOT keyed_by_source')) as Array<{
    n: number;
  }>;
  return rows[0]?.n ?? 0;
}
