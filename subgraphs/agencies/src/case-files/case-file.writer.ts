import { StagedRecords, WriteSummary, ensureEntityRows, upsertSelect } from '@psea/subgraph-kit';
import type { EntityManager } from 'typeorm';

/**
 * Writes staged records as case files in each agency's central registry office, set-wise: one
 * statement per table whatever the number of records.
 */
export async function writeCaseFiles(manager: EntityManager, staged: StagedRecords): Promise<WriteSummary> {
  await ensureEntityRows(manager, 'agency', await staged.entities());
  const s = staged.table;
  await manager.query(
    `INSERT INTO office (code, agency_id, is_registry)
     SELECT DISTINCT ag.code || '-REGISTRY', ag.id, true FROM ${s} s JOIN agency ag ON ag.code = s.entity
     ON CONFLICT (code) DO NOTHING`,
  );
  return upsertSelect(
    manager,
    'case_file',
    'case_number',
    [...staged.columns.direct.map((c) => c.name), 'office_id', 'received_year', 'received_month'],
    `SELECT ${staged.columns.directSelect('s').join(', ')}, o.id,
       split_part(s.reported, '-', 1)::smallint, split_part(s.reported, '-', 2)::smallint
     FROM ${s} s JOIN office o ON o.code = s.entity || '-REGISTRY'
     ORDER BY s.line`,
  );
}
