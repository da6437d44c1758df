import type { AuditRow, AuditScope, Caller } from '@psea/contract';
import type { DataSource } from 'typeorm';
import type { SqlRunner } from '../database/sql-runner';

/** What is audited: case-level reads, screenings, and statistics finer than publication granularity. */
export type AuditedOperation = 'page' | 'lookup' | 'screening' | 'statistics';

/**
 * Writes the audit row of a `psea export`: who ran it (the operating-system user and host, and
 * the database role, recorded by PostgreSQL itself as `role`), when (`at`) and how many records
 * left the database. The ids are not listed: an export is every record the source holds.
 */
export async function recordExport(dataSource: DataSource, who: string, records: number): Promise<void> {
  await dataSource.query(
    'INSERT INTO audit_log (subject, role, operation, scope, records, record_ids) ' +
      "VALUES ($1, current_user, 'export', $2::jsonb, $3, '{}')",
    [who, JSON.stringify({ kind: 'export', filter: {} }), records],
  );
}

/**
 * The source's append-only record of case-level reads, screenings and fine-grained statistics,
 * in its own database. A read whose audit record cannot be written fails: nothing is returned
 * unaudited.
 */
export class AuditLog {
  constructor(private readonly sql: SqlRunner) {}

  /**
   * Writes one audit row. `scope` is what was asked, as it may be kept (a screening keeps no
   * pseudonym); `records` counts what was returned (record ids, or statistics rows).
   */
  async record(
    caller: Caller,
    operation: AuditedOperation,
    scope: object,
    recordIds: readonly string[],
    records = recordIds.length,
  ): Promise<void> {
    await this.sql.run('audit', {
      text: 'INSERT INTO audit_log (subject, role, operation, scope, records, record_ids) VALUES ($1, $2, $3, $4::jsonb, $5, $6::text[])',
      values: [caller.subject, caller.role, operation, JSON.stringify(scope), records, recordIds],
    });
  }

  async summary(scope: AuditScope): Promise<AuditRow[]> {
    const rows = await this.sql.run('audit', {
      text:
        'SELECT operation, role, count(*)::int AS requests, coalesce(sum(records), 0)::int AS records FROM audit_log ' +
        "WHERE ($1::date IS NULL OR at >= $1::date) AND ($2::date IS NULL OR at < $2::date + interval '1 day') " +
        'GROUP BY operation, role ORDER BY operation, role',
      values: [scope.from ?? null, scope.to ?? null],
    });
    return rows.map((r) => ({
      operation: String(r['operation']),
      role: String(r['role']),
      requests: Number(r['requests']),
      records: Number(r['records']),
    }));
  }
}
