import type { EntityManager } from 'typeorm';
import type { WriteSummary } from '../subgraph-definition';

/** A column written by an upsert: its name and PostgreSQL type. */
export interface UpsertColumn {
  readonly name: string;
  /** e.g. 'text', 'int', 'bigint', 'date', 'boolean', 'text[]'. */
  readonly type: string;
}

export function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unsafe identifier: ${name}`);
  return `"${name}"`;
}

/**
 * Inserts the rows a SELECT produces, or updates the row with the same key when any column
 * differs, in one statement: set-wise, so the table's statement triggers (rollups, history,
 * data version) fire once for the whole write rather than once per batch. The SELECT yields
 * `columns` in order and each key at most once (the ingest refuses repeated references), ordered
 * by the staging's `line`: new records then get their ids in the order of the file, as a load
 * row by row gave them (pages and examples list records by id). Counts
 * inserted, updated and unchanged rows in PostgreSQL: no row comes back to the client.
 */
export async function upsertSelect(
  manager: EntityManager,
  table: string,
  key: string,
  columns: readonly string[],
  select: string,
): Promise<WriteSummary> {
  const names = columns.map(quoteIdent);
  const others = columns.filter((c) => c !== key).map(quoteIdent);
  const text =
    `WITH source AS MATERIALIZED (${select}), ` +
    `written AS (INSERT INTO ${quoteIdent(table)} AS t (${names.join(', ')}) SELECT * FROM source ` +
    `ON CONFLICT (${quoteIdent(key)}) DO UPDATE SET ${others.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}, updated_at = now() ` +
    `WHERE ${others.map((c) => `t.${c} IS DISTINCT FROM EXCLUDED.${c}`).join(' OR ')} ` +
    'RETURNING (xmax = 0) AS inserted) ' +
    'SELECT (SELECT count(*) FROM source)::int AS total, count(*) FILTER (WHERE inserted)::int AS inserted, count(*)::int AS written FROM written';
  const [row] = (await manager.query(text)) as Array<{ total: number; inserted: number; written: number }>;
  const { total = 0, inserted = 0, written = 0 } = row ?? {};
  return { inserted, updated: written - inserted, unchanged: total - written };
}
