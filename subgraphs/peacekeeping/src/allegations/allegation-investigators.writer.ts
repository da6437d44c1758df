import type { AllegationRecord } from '@psea/contract';
import { WriteSummary, nativeValue } from '@psea/subgraph-kit';
import type { EntityManager } from 'typeorm';
import { INVESTIGATED_BY } from './allegation.codes';

/**
 * Makes each allegation's rows in `allegation_investigator` the record's investigating
 * entities, touching only allegations whose set changed (so re-loading a file changes nothing).
 * Runs after the allegations are upserted, in the same transaction; an allegation whose only
 * change was its investigators moves from unchanged to updated in the summary.
 */
export async function writeInvestigators(
  manager: EntityManager,
  records: readonly AllegationRecord[],
  summary: WriteSummary,
): Promise<WriteSummary> {
  const references = records.map((r) => r.reference);
  const wanted = records.map((r) => JSON.stringify(r.investigatingEntities.map((e) => nativeValue(INVESTIGATED_BY, e)).sort()));
  const changed = (await manager.query(
    `WITH wanted AS (
       SELECT a.id, ARRAY(SELECT json_array_elements_text(w.list::json)) AS list
       FROM unnest($1::text[], $2::text[]) AS w (reference, list) JOIN allegation a ON a.reference = w.reference)
     SELECT w.id::text AS id, w.list FROM wanted w
     WHERE ARRAY(SELECT i.investigator FROM allegation_investigator i WHERE i.allegation_id = w.id ORDER BY i.investigator COLLATE "C") <> w.list`,
    [references, wanted],
  )) as Array<{ id: string; list: string[] }>;
  if (!changed.length) return summary;
  const ids = changed.map((c) => c.id);
  await manager.query('DELETE FROM allegation_investigator WHERE allegation_id = ANY($1::bigint[])', [ids]);
  await manager.query(
    `INSERT INTO allegation_investigator (allegation_id, investigator)
     SELECT c.id, x.investigator FROM unnest($1::bigint[], $2::text[]) AS c (id, list)
     CROSS JOIN LATERAL json_array_elements_text(c.list::json) AS x (investigator)`,
    [ids, changed.map((c) => JSON.stringify(c.list))],
  );
  // Rows the upsert left as they were (updated_at is not this transaction's now()) changed only here.
  // Counted in a SELECT: TypeORM answers a bare UPDATE with [rows, count], not the rows.
  const [touched] = (await manager.query(
    `WITH touched AS (
       UPDATE allegation SET updated_at = now() WHERE id = ANY($1::bigint[]) AND updated_at <> now() RETURNING id)
     SELECT count(*)::int AS n FROM touched`,
    [ids],
  )) as Array<{ n: number }>;
  const n = touched?.n ?? 0;
  return { ...summary, updated: summary.updated + n, unchanged: summary.unchanged - n };
}
