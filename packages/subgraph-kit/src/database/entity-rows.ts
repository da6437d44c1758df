import { AllegationRecord, EntityDescription, assert, findEntity } from '@psea/contract';
import type { EntityManager } from 'typeorm';
import { ensureLookupRows } from './lookup-rows';
import type { UpsertColumn } from './upsert';

/**
 * Makes sure the source's table of entities (missions, agencies, forces: `code`, `name`, and any
 * `extra` columns) has a row for every entity the records name; returns their ids by code.
 */
export function ensureEntityRows(
  manager: EntityManager,
  table: string,
  records: readonly AllegationRecord[],
  extra: { columns: UpsertColumn[]; values: (entity: EntityDescription) => Record<string, unknown> } = {
    columns: [],
    values: () => ({}),
  },
): Promise<Map<string, number>> {
  return ensureLookupRows(
    manager,
    table,
    [{ name: 'code', type: 'text' }],
    [{ name: 'name', type: 'text' }, ...extra.columns],
    records.map((r) => {
      const entity = findEntity(r.entity);
      assert(entity, `validated entity ${r.entity}`);
      return { code: entity.code, name: entity.name, ...extra.values(entity) };
    }),
  );
}
