import { Source } from '@psea/contract';
import type { SubgraphDefinition } from '@psea/subgraph-kit';
import { allegationMapping } from './allegations/allegation.mapper';
import { writeAllegations } from './allegations/allegation.writer';
import { InitialSchema1764460000000 } from './migrations/1764460000000-initial-schema';
import { JointInvestigations1764471000000 } from './migrations/1764471000000-joint-investigations';
import { MemberStateFollowUp1764900000000 } from './migrations/1764900000000-member-state-follow-up';

/** Peacekeeping operations and special political missions. */
export const peacekeeping: SubgraphDefinition = {
  source: Source.PEACEKEEPING,
  migrations: [InitialSchema1764460000000, JointInvestigations1764471000000, MemberStateFollowUp1764900000000],
  mapping: allegationMapping,
  writeStaged: writeAllegations,
};
