import { StagedRecords, WriteSummary, ensureEntityRows, upsertSelect } from '@psea/subgraph-kit';
import type { EntityManager } from 'typeorm';

/**
 * Writes staged records as notifications, under the force's latest mandating resolution,
 * set-wise: one statement per table whatever the number of records.
 */
export async function writeNotifications(manager: EntityManager, staged: StagedRecords): Promise<WriteSummary> {
  await ensureEntityRows(manager, 'force', await staged.entities());
  const s = staged.table;
  await manager.query(
    `INSERT INTO reporting_state (code) SELECT DISTINCT nationality FROM ${s} WHERE nationality IS NOT NULL
     ON CONFLICT (code) DO NOTHING`,
  );
  return upsertSelect(
    manager,
    'notification',
    'reference',
    [...staged.columns.direct.map((c) => c.name), 'force_id', 'resolution_id', 'received_on'],
    `SELECT ${staged.columns.directSelect('s').join(', ')}, f.id, latest.id, (s.reported || '-01')::date
     FROM ${s} s JOIN force f ON f.code = s.entity
     LEFT JOIN (SELECT DISTINCT ON (force_id) force_id, id FROM mandate_resolution ORDER BY force_id, adopted DESC) latest
       ON latest.force_id = f.id
     ORDER BY s.line`,
  );
}
