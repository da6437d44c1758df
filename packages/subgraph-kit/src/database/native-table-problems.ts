import type { DataSource } from 'typeorm';
import type { ContractMapping } from '../sql/contract-mapping';

/**
 * The PostgreSQL types (`pg_typeof`) each member of a mapping must read as, by its path in the
 * mapping. What the kit's queries and the writer (`directColumns`) assume of a native column.
 * A member not listed here (a source's addition) is still checked to compile.
 */
const EXPECTED: Readonly<Record<string, readonly string[]>> = {
  id: ['bigint', 'integer'],
  reference: ['text', 'character', 'character varying'],
  entity: ['text', 'character', 'character varying'],
  reported: ['date'],
  incident: ['text'],
  nationality: ['text', 'character', 'character varying'],
  ...Object.fromEntries(
    [
      'perpetrators',
      'perpetratorsMen',
      'perpetratorsWomen',
      'investigationDays',
      ...['women', 'girls', 'femaleUnknownAge', 'men', 'boys', 'maleUnknownAge', 'unknown'].map((g) => `victims.${g}`),
    ].map((path) => [path, ['integer', 'smallint', 'bigint']]),
  ),
  ...Object.fromEntries(
    ['investigationStarted', 'investigationCompleted', 'memberStateReferral.notified', 'memberStateReferral.lastResponse'].map(
      (path) => [path, ['date']],
    ),
  ),
  ...Object.fromEntries(['interimActions', 'finalActions', 'memberStateActions', 'assistance'].map((path) => [path, ['text[]']])),
  ...Object.fromEntries(
    [
      'memberStateReferral.referred',
      'memberStateReferral.nioRequested',
      'memberStateReferral.nioAppointed',
      'criminalReferral',
      'synthetic',
    ].map((path) => [path, ['boolean']]),
  ),
};

/** A native code list (`{ sql, values }`); `list: true` marks one that reads as `text[]`. */
function isCodeMapping(value: object): value is { sql: string; list?: boolean } {
  return typeof (value as { sql?: unknown }).sql === 'string';
}

/** Every SQL expression of a mapping by its path, with the types it must read as (if known). */
function expressions(mapping: object, prefix = ''): Array<{ path: string; sql: string; types?: readonly string[] }> {
  return Object.entries(mapping).flatMap(([key, value]) => {
    const path = prefix + key;
    if (path === 'from' || Array.isArray(value)) return [];
    if (typeof value === 'string') return [{ path, sql: value, types: EXPECTED[path] }];
    if (value === null || typeof value !== 'object') return [];
    if (isCodeMapping(value))
      return [{ path, sql: value.sql, types: value.list ? ['text[]'] : ['text', 'character', 'character varying'] }];
    return expressions(value, `${path}.`);
  });
}

/**
 * Where a source's native tables, as its migrations left them, and its mapping disagree: a
 * member that names a table or column the migrations did not create, or reads as a type the
 * kit's queries and writer cannot use (a date kept as text, a count as text, a list as a
 * scalar). One message per member; empty when they agree. The tables are described once, by
 * the migrations; this is what keeps the mapping (and the writer, which reads the mapping
 * backwards) from drifting away from them. Run it against a freshly migrated database.
 */
export async function nativeTableProblems(dataSource: DataSource, mapping: ContractMapping): Promise<string[]> {
  try {
    await dataSource.query(`SELECT 1 FROM ${mapping.from} LIMIT 0`);
  } catch (error) {
    return [`from (${mapping.from}): ${(error as Error).message}`];
  }
  const problems: string[] = [];
  for (const { path, sql, types } of expressions(mapping)) {
    // LIMIT 0 under a LEFT JOIN: no row is read, yet pg_typeof still names the declared type.
    const statement = `SELECT pg_typeof(x.v)::text AS type FROM (SELECT 1) one LEFT JOIN LATERAL (SELECT ${sql} AS v FROM ${mapping.from} LIMIT 0) x ON true`;
    try {
      const [row] = (await dataSource.query(statement)) as Array<{ type: string }>;
      if (types && !types.includes(row?.type ?? '')) {
        problems.push(`${path} (${sql}) reads as ${row?.type}, expected ${types.join(' or ')}`);
      }
    } catch (error) {
      problems.push(`${path} (${sql}): ${(error as Error).message}`);
    }
  }
  return problems;
}
