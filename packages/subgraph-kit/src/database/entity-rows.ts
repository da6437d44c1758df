import { EntityDescription, assert, findEntity } from '@psea/contract';
import type { EntityManager } from 'typeorm';
import { ensureLookupRows } from './lookup-rows';
import type { UpsertColumn } from './upsert-select';

/**
 * Makes sure the source's table of entities (missions, agencies, forces: `code`, `name`, and any
 * `extra` columns) has a row for each of the entity codes (validated records' entities); returns
 * their ids by code.
 */
export function ensureEntityRows(
  manager: EntityManager,
  table: string,
  codes: readonly string[],
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
    codes.map((code) => {
      const entity = findEntity(code);
      assert(entity, `validated entity ${code}`);
      return { code: entity.code, name: entity.name, ...extra.values(entity) };
    }),
  );
}
