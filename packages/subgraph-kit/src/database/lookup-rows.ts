import type { EntityManager } from 'typeorm';
import { UpsertColumn, quoteIdent } from './upsert-select';

/**
 * Makes sure reference rows exist (missions, offices, forces, ...) and returns their ids by
 * natural key (the key columns' values joined with '|'). Two statements for any number of rows;
 * one when `idColumn` is null (the key is the identity, nothing to look up).
 */
export async function ensureLookupRows(
  manager: EntityManager,
  table: string,
  keyColumns: readonly UpsertColumn[],
  otherColumns: readonly UpsertColumn[],
  rows: ReadonlyArray<Record<string, unknown>>,
  idColumn: 'id' | null = 'id',
): Promise<Map<string, number>> {
  const keyOf = (row: Record<string, unknown>) => keyColumns.map((c) => String(row[c.name])).join('|');
  const unique = [...new Map(rows.map((r) => [keyOf(r), r])).values()];
  const ids = new Map<string, number>();
  if (!unique.length) return ids;
  const columns = [...keyColumns, ...otherColumns];
  const names = columns.map((c) => quoteIdent(c.name));
  const args = columns.map((c, i) => `$${i + 1}::${c.type}[]`);
  await manager.query(
    `INSERT INTO ${quoteIdent(table)} (${names.join(', ')}) SELECT * FROM unnest(${args.join(', ')}) ` +
      `ON CONFLICT (${keyColumns.map((c) => quoteIdent(c.name)).join(', ')}) DO NOTHING`,
    columns.map((c) => unique.map((r) => r[c.name] ?? null)),
  );
  if (idColumn === null) return ids;
  const keyNames = keyColumns.map((c) => quoteIdent(c.name));
  const found = (await manager.query(
    `SELECT id, ${keyNames.join(', ')} FROM ${quoteIdent(table)} ` +
      `WHERE (${keyNames.join(', ')}) IN (SELECT * FROM unnest(${keyColumns.map((c, i) => `$${i + 1}::${c.type}[]`).join(', ')}))`,
    keyColumns.map((c) => unique.map((r) => r[c.name])),
  )) as Array<Record<string, unknown>>;
  for (const row of found) ids.set(keyOf(row), Number(row['id']));
  return ids;
}
