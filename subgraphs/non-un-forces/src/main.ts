import { runSubgraph } from '@psea/subgraph-kit';
import { nonUnForces } from './definition';

runSubgraph(nonUnForces);
