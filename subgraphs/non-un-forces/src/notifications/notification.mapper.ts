import type { ContractMapping } from '@psea/subgraph-kit';
import { INVESTIGATED_BY, MEMBER_SERVICE, NATURE, PATERNITY, STATE_REPLY, STATE_STATUS } from './notification.codes';

/** Notifications about non-UN forces, read as the common contract. */
export const notificationMapping: ContractMapping = {
  from: 'notification n JOIN force f ON f.id = n.force_id',
  id: 'n.id',
  reference: 'n.reference',
  entity: 'f.code',
  reported: 'n.received_on',
  incident: 'n.incident_period',
  allegationType: NATURE,
  personnelCategory: MEMBER_SERVICE,
  // The State of military and police members is published; the kit hides it for civilians.
  nationality: 'n.reporting_state',
  perpetrators: 'n.members_involved',
  perpetratorsMen: 'n.members_male',
  perpetratorsWomen: 'n.members_female',
  victims: {
    women: 'n.victims_women',
    girls: 'n.victims_girls',
    femaleUnknownAge: 'n.victims_female_unknown_age',
    men: 'n.victims_men',
    boys: 'n.victims_boys',
    maleUnknownAge: 'n.victims_male_unknown_age',
    unknown: 'n.victims_unknown',
  },
  investigatingEntities: INVESTIGATED_BY,
  investigationStatus: STATE_STATUS,
  investigationDays: 'n.investigation_days',
  investigationStarted: 'n.inquiry_started',
  investigationCompleted: 'n.inquiry_completed',
  interimActions: 'n.interim_actions',
  finalActions: 'n.final_actions',
  memberStateActions: 'n.state_actions',
  // Referral for action is the UN's notification of the State.
  memberStateReferral: {
    referred: 'n.state_notified',
    notified: 'n.state_notified_on',
    nioRequested: 'n.nio_requested',
    nioAppointed: 'n.nio_appointed',
    response: STATE_REPLY,
    lastResponse: 'n.state_reply_on',
  },
  paternity: PATERNITY,
  assistance: 'n.assistance',
  criminalReferral: 'n.criminal_referral',
  synthetic: 'n.synthetic',
};
