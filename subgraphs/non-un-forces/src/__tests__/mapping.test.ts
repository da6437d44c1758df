import { mappingProblems } from '@psea/subgraph-kit';
import { definition } from '../index';

it('maps its native codes one-to-one onto every contract value it may store', () => {
  expect(mappingProblems(definition)).toEqual([]);
});
