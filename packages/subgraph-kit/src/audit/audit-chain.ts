import type { DataSource } from 'typeorm';

/** What `psea audit verify` finds in a source's audit log. */
export interface AuditChainReport {
  /** Rows checked. */
  readonly rows: number;
  /** The last row's id and hash: record them elsewhere to detect a later cut of the tail. */
  readonly head: { readonly id: string; readonly hash: string } | null;
  /** The first row, in id order, whose content or link does not match its hash. */
  readonly firstBroken: { readonly id: string; readonly reason: 'altered' | 'unlinked' } | null;
}

/**
 * Recomputes every row's hash (the database's own `audit_log_row_hash`, the one the insert
 * trigger uses) and checks each row links to the one before it. A changed row is `altered`;
 * a row whose predecessor was removed or inserted out of band is `unlinked`.
 */
export async function verifyAuditChain(dataSource: DataSource): Promise<AuditChainReport> {
  const [broken] = (await dataSource.query(
    'WITH c AS (SELECT id, prev_hash, hash, lag(hash) OVER (ORDER BY id) AS previous, ' +
      'audit_log_row_hash(prev_hash, a) AS recomputed FROM audit_log a) ' +
      "SELECT id::text AS id, CASE WHEN hash IS DISTINCT FROM recomputed THEN 'altered' ELSE 'unlinked' END AS reason " +
      'FROM c WHERE hash IS DISTINCT FROM recomputed OR prev_hash IS DISTINCT FROM previous ORDER BY id LIMIT 1',
  )) as Array<{ id: string; reason: 'altered' | 'unlinked' }>;
  const [summary] = (await dataSource.query(
    'SELECT count(*)::int AS rows, (SELECT id::text FROM audit_log ORDER BY id DESC LIMIT 1) AS id, ' +
      '(SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1) AS hash FROM audit_log',
  )) as Array<{ rows: number; id: string | null; hash: string | null }>;
  return {
    rows: summary?.rows ?? 0,
    head: summary?.id ? { id: summary.id, hash: summary.hash ?? '' } : null,
    firstBroken: broken ?? null,
  };
}
