import type { EntityManager } from 'typeorm';
import type { WriteSummary } from '../subgraph-definition';

/** A column of a bulk upsert: its name and the PostgreSQL array type its values travel as. */
export interface UpsertColumn {
  readonly name: string;
  /** e.g. 'text', 'int', 'bigint', 'date', 'boolean', 'text[]' (sent as JSON, see below). */
  readonly type: string;
}

const BATCH = 2_000;

/** A PostgreSQL array literal of text elements, each quoted (so commas, braces and NULL stay text). */
function arrayLiteral(values: readonly unknown[]): string {
  return `{${values.map((v) => `"${String(v).replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
}

function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unsafe identifier: ${name}`);
  return `"${name}"`;
}

/**
 * Inserts rows, or updates the row with the same key when any column differs, in batches of
 * one statement each (unnest of typed arrays: values are parameters, never spliced). Counts
 * inserted, updated and unchanged rows. Array columns (type ending in []) travel as array literals
 * in a text array (unnest cannot take an array of arrays of different lengths) and are cast per
 * row: cheaper for PostgreSQL than a JSON value unpacked by a subquery per row and column.
 */
export async function upsertRows(
  manager: EntityManager,
  table: string,
  key: string,
  columns: readonly UpsertColumn[],
  rows: ReadonlyArray<Record<string, unknown>>,
): Promise<WriteSummary> {
  const summary: WriteSummary = { inserted: 0, updated: 0, unchanged: 0 };
  const names = columns.map((c) => quoteIdent(c.name));
  const sources = columns.map((c, i) => (c.type.endsWith('[]') ? `v${i}::${c.type} AS ${names[i]}` : `v${i} AS ${names[i]}`));
  const unnestArgs = columns.map((c, i) => `$${i + 1}::${c.type.endsWith('[]') ? 'text' : c.type}[]`);
  const aliases = columns.map((_, i) => `v${i}`);
  const updates = columns.filter((c) => c.name !== key).map((c) => `${quoteIdent(c.name)} = EXCLUDED.${quoteIdent(c.name)}`);
  const changed = columns
    .filter((c) => c.name !== key)
    .map((c) => `${quoteIdent(table)}.${quoteIdent(c.name)} IS DISTINCT FROM EXCLUDED.${quoteIdent(c.name)}`);
  const text =
    `INSERT INTO ${quoteIdent(table)} (${names.join(', ')}) ` +
    `SELECT ${sources.join(', ')} FROM unnest(${unnestArgs.join(', ')}) AS u(${aliases.join(', ')}) ` +
    `ON CONFLICT (${quoteIdent(key)}) DO UPDATE SET ${updates.join(', ')}, updated_at = now() ` +
    `WHERE ${changed.join(' OR ')} ` +
    'RETURNING (xmax = 0) AS inserted';
  for (let start = 0; start < rows.length; start += BATCH) {
    const batch = rows.slice(start, start + BATCH);
    const values = columns.map((c) =>
      batch.map((row) => {
        const v = row[c.name];
        return c.type.endsWith('[]') ? arrayLiteral((v ?? []) as readonly unknown[]) : (v ?? null);
      }),
    );
    const result = (await manager.query(text, values)) as Array<{ inserted: boolean }>;
    const inserted = result.filter((r) => r.inserted).length;
    summary.inserted += inserted;
    summary.updated += result.length - inserted;
    summary.unchanged += batch.length - result.length;
  }
  return summary;
}
