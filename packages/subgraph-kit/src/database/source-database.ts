import type { DataSource, MixedList } from 'typeorm';
import type { ContractMapping } from '../sql/contract-mapping';
import { createDataSource, openDatabase } from './data-source';
import { installDataVersionTriggers } from './data-version';
import { installRecordHistory } from '../provenance/record-history';
import { installStatisticsRollups } from '../rollup/rollup-ddl';
import { ROLLUP_TABLE_PATTERN } from '../rollup/rollup-columns';

/**
 * Tables the kit owns in every source's database; every other table holds the source's records.
 * The statistics rollups (statistics_rollup_N and their groups) are the kit's too: written only by their triggers.
 */
const KIT_TABLES = [
  'audit_log',
  'subject_pseudonym',
  'data_version',
  'schema_migrations',
  'record_history',
  'record_history_start',
  'period_submission',
  'period_submission_change',
  'statistics_rollup_definition',
];
const KIT_TABLE_PATTERN = ROLLUP_TABLE_PATTERN;

export interface SourceDatabaseOptions {
  /** The runtime role's URL: the connection the service serves (and ingests) with. */
  readonly url: string;
  /** The owner's URL: migrations, triggers and grants. Absent: one role does both (not advised). */
  readonly ownerUrl?: string;
  // TypeORM's own type for a migration list.
  readonly migrations: MixedList<Function | string>;
  readonly mapping: ContractMapping;
  readonly poolSize?: number;
  /** statement_timeout of the runtime connections (the owner's migrations have none). */
  readonly statementTimeoutMs?: number;
}

export interface SourceDatabase {
  readonly dataSource: DataSource;
  /** True when the serving connection owns the tables (or is a superuser): the audit log is then only as safe as that role. */
  readonly servesAsOwner: boolean;
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * Gives the runtime role what serving and ingesting need and nothing more: SELECT on every
 * table (the statistics rollups included, which only their triggers write), temporary tables
 * of its own session, INSERT and UPDATE on the source's own record tables (and DELETE on the
 * tables that hold a record's list, which a load replaces), the pseudonyms it replaces, the
 * data version it bumps, and only INSERT on the audit log. It owns nothing, so it cannot alter,
 * disable or drop a trigger or a table; it is no superuser, so it cannot set
 * session_replication_role. Idempotent: run by the owner at every start, after the migrations.
 */
export async function grantRuntimeRole(owner: DataSource, role: string, listTables: readonly string[] = []): Promise<void> {
  const r = quoteIdent(role);
  const tables = (
    (await owner.query(
      "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND NOT (tablename = ANY($1::text[])) AND tablename !~ $2 ORDER BY tablename",
      [KIT_TABLES, KIT_TABLE_PATTERN],
    )) as Array<{ tablename: string }>
  ).map((t) => quoteIdent(t.tablename));
  const [database] = (await owner.query('SELECT current_database() AS name')) as Array<{ name: string }>;
  const statements = [
    // Temporary tables only: the ingest stages a file's rows in one (ingest/record-staging.ts).
    `GRANT TEMPORARY ON DATABASE ${quoteIdent(database?.name ?? '')} TO ${r}`,
    `GRANT USAGE ON SCHEMA public TO ${r}`,
    `GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${r}`,
    `GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO ${r}`,
    ...(tables.length ? [`GRANT INSERT, UPDATE ON ${tables.join(', ')} TO ${r}`] : []),
    ...(listTables.length ? [`GRANT DELETE ON ${listTables.map(quoteIdent).join(', ')} TO ${r}`] : []),
    `GRANT INSERT, UPDATE, DELETE ON subject_pseudonym TO ${r}`,
    `GRANT UPDATE ON data_version TO ${r}`,
    `GRANT INSERT ON audit_log TO ${r}`,
    `REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON audit_log FROM ${r}`,
  ];
  for (const statement of statements) await owner.query(statement);
}

async function ownsAuditLog(dataSource: DataSource): Promise<boolean> {
  const [row] = (await dataSource.query(
    "SELECT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) OR pg_has_role(current_user, c.relowner, 'MEMBER') AS owner " +
      "FROM pg_class c WHERE c.oid = 'audit_log'::regclass",
  )) as Array<{ owner: boolean }>;
  return row?.owner === true;
}

/**
 * Opens a source's database the least-privilege way: as the owner, apply the migrations,
 * install the data-version triggers and grant the runtime role; then connect as the runtime
 * role, which is what serves. Without an owner URL the one connection does both (a database set
 * up before the two roles existed); the result says so.
 */
export async function prepareSourceDatabase(options: SourceDatabaseOptions): Promise<SourceDatabase> {
  const base = { migrations: options.migrations };
  const runtime = createDataSource({
    ...base,
    url: options.url,
    poolSize: options.poolSize,
    statementTimeoutMs: options.statementTimeoutMs,
  });
  if (!options.ownerUrl || options.ownerUrl === options.url) {
    await openDatabase(runtime);
    const servesAsOwner = await ownsAuditLog(runtime);
    if (servesAsOwner) {
      await installDataVersionTriggers(runtime, options.mapping);
      await installRecordHistory(runtime, options.mapping);
      await installStatisticsRollups(runtime, options.mapping);
    }
    return { dataSource: runtime, servesAsOwner };
  }
  const owner = await openDatabase(createDataSource({ ...base, url: options.ownerUrl, poolSize: 1 }));
  try {
    await installDataVersionTriggers(owner, options.mapping);
    await installRecordHistory(owner, options.mapping);
    await installStatisticsRollups(owner, options.mapping);
    await runtime.initialize();
    const [who] = (await runtime.query('SELECT current_user AS role')) as Array<{ role: string }>;
    await grantRuntimeRole(owner, who?.role ?? '', options.mapping.listTables);
  } catch (error) {
    if (runtime.isInitialized) await runtime.destroy();
    throw error;
  } finally {
    await owner.destroy();
  }
  return { dataSource: runtime, servesAsOwner: await ownsAuditLog(runtime) };
}
