import { mappingTables } from '../database/data-version';
import type { ContractMapping } from '../sql/contract-mapping';

it('finds every table a mapping reads, so writes to any of them invalidate cached statistics', () => {
  const from = 'allegation a JOIN mission m ON m.id = a.mission_id LEFT JOIN contingent c ON c.id = a.contingent_id';
  expect(mappingTables({ from } as ContractMapping)).toEqual(['allegation', 'mission', 'contingent']);
});
