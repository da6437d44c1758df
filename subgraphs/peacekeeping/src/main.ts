import { runSubgraph } from '@psea/subgraph-kit';
import { peacekeeping } from './definition';

runSubgraph(peacekeeping);
