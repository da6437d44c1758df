import { SYNTHETIC_NOTICE, referenceRecords } from '@psea/reference-data';
import { runSubgraph } from '@psea/subgraph-kit';
import { peacekeeping } from './definition';

void runSubgraph(peacekeeping, {
  referenceRecords: () => referenceRecords(peacekeeping.source),
  dataNotice: SYNTHETIC_NOTICE,
});
