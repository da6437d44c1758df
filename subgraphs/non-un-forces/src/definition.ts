import { Source } from '@psea/contract';
import type { SubgraphDefinition } from '@psea/subgraph-kit';
import { InitialSchema1764460000000 } from './migrations/1764460000000-initial-schema';
import { JointInvestigations1764471000000 } from './migrations/1764471000000-joint-investigations';
import { StateFollowUp1764900000000 } from './migrations/1764900000000-state-follow-up';
import { notificationMapping } from './notifications/notification.mapper';
import { writeNotifications } from './notifications/notification.writer';

/** Non-UN international forces under a Security Council mandate. */
export const nonUnForces: SubgraphDefinition = {
  source: Source.NON_UN_FORCES,
  migrations: [InitialSchema1764460000000, JointInvestigations1764471000000, StateFollowUp1764900000000],
  mapping: notificationMapping,
  writeStaged: writeNotifications,
};
