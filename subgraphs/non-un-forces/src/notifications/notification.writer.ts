import type { AllegationRecord } from '@psea/contract';
import { WriteSummary, directColumns, ensureEntityRows, ensureLookupRows, upsertRows } from '@psea/subgraph-kit';
import type { EntityManager } from 'typeorm';
import { notificationMapping } from './notification.mapper';

const direct = directColumns(notificationMapping, 'n');

/** Writes contract records as notifications, under the force's latest mandating resolution. */
export async function writeNotifications(manager: EntityManager, records: readonly AllegationRecord[]): Promise<WriteSummary> {
  const forces = await ensureEntityRows(manager, 'force', records);
  await ensureLookupRows(
    manager,
    'reporting_state',
    [{ name: 'code', type: 'text' }],
    [],
    records.filter((r) => r.nationality !== null).map((r) => ({ code: r.nationality })),
    null,
  );
  const latest = (await manager.query(
    'SELECT DISTINCT ON (force_id) force_id, id FROM mandate_resolution ORDER BY force_id, adopted DESC',
  )) as Array<{ force_id: number; id: number }>;
  const resolution = new Map(latest.map((r) => [r.force_id, r.id]));
  const rows = records.map((r) => {
    const forceId = forces.get(r.entity);
    return {
      ...direct.values(r),
      force_id: forceId,
      resolution_id: forceId === undefined ? null : (resolution.get(forceId) ?? null),
      received_on: `${r.reported}-01`,
    };
  });
  return upsertRows(
    manager,
    'notification',
    'reference',
    [
      ...direct.columns,
      { name: 'force_id', type: 'int' },
      { name: 'resolution_id', type: 'int' },
      { name: 'received_on', type: 'date' },
    ],
    rows,
  );
}
