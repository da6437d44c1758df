import { runSubgraph } from '@psea/subgraph-kit';
import { agencies } from './definition';

runSubgraph(agencies);
