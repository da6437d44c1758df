import type { DataSource } from 'typeorm';

export interface PeriodChange {
  readonly entity: string;
  readonly quarter: string;
  /** True to close (submit) the period, false to reopen it. */
  readonly closed: boolean;
  /** Who ran it: the operating-system user and host (the database role is recorded by PostgreSQL). */
  readonly who: string;
}

export interface PeriodChangeResult {
  /** False when the period already was in the state asked for: nothing written, nothing audited. */
  readonly changed: boolean;
  readonly dataVersion: string;
  readonly changedAt: string | null;
}

/**
 * Closes or reopens an entity's quarter in the source's own database, with its audit row, in
 * one transaction: both or neither. Needs the owner's connection: the serving role may read the
 * status but not write it, so a compromised service cannot declare a period submitted.
 */
export async function changePeriod(owner: DataSource, change: PeriodChange): Promise<PeriodChangeResult> {
  return owner.transaction(async (m) => {
    // The data version's row lock first, as every writer takes it: changes are ordered with the writes.
    const [{ version: current }] = (await m.query('SELECT version::text AS version FROM data_version FOR UPDATE')) as [
      { version: string },
    ];
    const [existing] = (await m.query(
      'SELECT closed, to_char(changed_at AT TIME ZONE \'UTC\', \'YYYY-MM-DD"T"HH24:MI:SS"Z"\') AS at FROM period_submission WHERE entity = $1 AND quarter = $2 FOR UPDATE',
      [change.entity, change.quarter],
    )) as Array<{ closed: boolean; at: string }>;
    if ((existing?.closed ?? false) === change.closed) {
      return { changed: false, dataVersion: current, changedAt: existing?.at ?? null };
    }
    // A change of what the figures mean is a change of the data: a version of its own, so an
    // answer as of any version has exactly one submission status (period_submission_change),
    // and statistics cached under the old version are not served as the new one.
    const [{ version }] = (await m.query(
      'WITH bumped AS (UPDATE data_version SET version = version + 1 RETURNING version) SELECT version::text AS version FROM bumped',
    )) as [{ version: string }];
    const [row] = (await m.query(
      'INSERT INTO period_submission (entity, quarter, closed, changed_by, data_version) VALUES ($1, $2, $3, $4, $5) ' +
        'ON CONFLICT (entity, quarter) DO UPDATE SET closed = EXCLUDED.closed, changed_at = now(), ' +
        'changed_by = EXCLUDED.changed_by, data_version = EXCLUDED.data_version ' +
        'RETURNING changed_at, to_char(changed_at AT TIME ZONE \'UTC\', \'YYYY-MM-DD"T"HH24:MI:SS"Z"\') AS at',
      [change.entity, change.quarter, change.closed, change.who, version],
    )) as Array<{ changed_at: Date; at: string }>;
    await m.query(
      'INSERT INTO period_submission_change (entity, quarter, data_version, closed, changed_at, changed_by) VALUES ($1, $2, $3, $4, $5, $6)',
      [change.entity, change.quarter, version, change.closed, row?.changed_at, change.who],
    );
    await m.query(
      'INSERT INTO audit_log (subject, role, operation, scope, records, record_ids) ' +
        "VALUES ($1, current_user, $2, $3::jsonb, 0, '{}')",
      [
        change.who,
        change.closed ? 'period-close' : 'period-reopen',
        JSON.stringify({ kind: 'period', entity: change.entity, quarter: change.quarter, dataVersion: version }),
      ],
    );
    return { changed: true, dataVersion: version, changedAt: row?.at ?? null };
  });
}
