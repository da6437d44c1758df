import type { StagedRecords, WriteSummary } from '@psea/subgraph-kit';
import type { EntityManager } from 'typeorm';

/**
 * Makes each staged allegation's rows in `allegation_investigator` the record's investigating
 * entities (staged in native codes), touching only allegations whose set changed (so re-loading
 * a file changes nothing), set-wise: the changed allegations are found in one statement into a
 * temporary table, then replaced in two. Runs after the allegations are upserted, in the same
 * transaction; an allegation whose only change was its investigators moves from unchanged to
 * updated in the summary.
 */
export async function writeInvestigators(
  manager: EntityManager,
  staged: StagedRecords,
  summary: WriteSummary,
): Promise<WriteSummary> {
  await manager.query('DROP TABLE IF EXISTS pg_temp.investigators_changed');
  await manager.query(
    `CREATE TEMP TABLE investigators_changed ON COMMIT DROP AS
     WITH wanted AS (
       SELECT a.id, ARRAY(SELECT DISTINCT x COLLATE "C" FROM unnest(s.investigators) AS x ORDER BY 1) AS list
       FROM ${staged.table} s JOIN allegation a ON a.reference = s.reference),
     held AS (
       SELECT i.allegation_id, array_agg(i.investigator ORDER BY i.investigator COLLATE "C") AS list
       FROM allegation_investigator i WHERE i.allegation_id IN (SELECT id FROM wanted) GROUP BY i.allegation_id)
     SELECT w.id, w.list FROM wanted w LEFT JOIN held h ON h.allegation_id = w.id
     WHERE coalesce(h.list, '{}') <> w.list`,
  );
  await manager.query('DELETE FROM allegation_investigator i USING investigators_changed c WHERE i.allegation_id = c.id');
  await manager.query(
    `INSERT INTO allegation_investigator (allegation_id, investigator)
     SELECT c.id, x FROM investigators_changed c CROSS JOIN LATERAL unnest(c.list) AS x`,
  );
  // Rows the upsert left as they were (updated_at is not this transaction's now()) changed only here.
  // Counted in a SELECT: TypeORM answers a bare UPDATE with [rows, count], not the rows.
  const [touched] = (await manager.query(
    `WITH touched AS (
       UPDATE allegation a SET updated_at = now() FROM investigators_changed c
       WHERE a.id = c.id AND a.updated_at <> now() RETURNING a.id)
     SELECT count(*)::int AS n FROM touched`,
  )) as Array<{ n: number }>;
  const n = touched?.n ?? 0;
  return { ...summary, updated: summary.updated + n, unchanged: summary.unchanged - n };
}
