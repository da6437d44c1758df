import type { DataSource } from 'typeorm';
import type { ContractMapping } from '../sql/contract-mapping';

/** The tables a mapping reads: the first table of `from`, every joined one, and its list tables. */
export function mappingTables(mapping: ContractMapping): string[] {
  const tables = [...mapping.from.matchAll(/(?:^\s*|\bJOIN\s+)([a-z_][a-z0-9_]*)/gi)].map((m) => (m[1] as string).toLowerCase());
  return [...new Set([...tables, ...(mapping.listTables ?? [])])];
}

/**
 * Makes every write to the mapping's tables bump `data_version` (idempotent, at each start:
 * the tables are the source's own and may change with its migrations).
 */
export async function installDataVersionTriggers(dataSource: DataSource, mapping: ContractMapping): Promise<void> {
  for (const table of mappingTables(mapping)) {
    await dataSource.query(
      `CREATE OR REPLACE TRIGGER psea_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "${table}" ` +
        'FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version()',
    );
  }
}
