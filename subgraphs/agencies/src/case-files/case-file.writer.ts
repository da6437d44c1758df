import type { AllegationRecord } from '@psea/contract';
import { WriteSummary, directColumns, ensureEntityRows, ensureLookupRows, upsertRows } from '@psea/subgraph-kit';
import type { EntityManager } from 'typeorm';
import { caseFileMapping } from './case-file.mapper';

const direct = directColumns(caseFileMapping, 'f');

/** Writes contract records as case files in each agency's central registry office. */
export async function writeCaseFiles(manager: EntityManager, records: readonly AllegationRecord[]): Promise<WriteSummary> {
  const agencies = await ensureEntityRows(manager, 'agency', records);
  const registries = await ensureLookupRows(
    manager,
    'office',
    [{ name: 'code', type: 'text' }],
    [
      { name: 'agency_id', type: 'int' },
      { name: 'is_registry', type: 'boolean' },
    ],
    [...agencies].map(([code, id]) => ({ code: `${code}-REGISTRY`, agency_id: id, is_registry: true })),
  );
  const rows = records.map((r) => {
    const [year, month] = r.reported.split('-').map(Number);
    return {
      ...direct.values(r),
      office_id: registries.get(`${r.entity}-REGISTRY`),
      received_year: year,
      received_month: month,
    };
  });
  return upsertRows(
    manager,
    'case_file',
    'case_number',
    [
      ...direct.columns,
      { name: 'office_id', type: 'int' },
      { name: 'received_year', type: 'smallint' },
      { name: 'received_month', type: 'smallint' },
    ],
    rows,
  );
}
