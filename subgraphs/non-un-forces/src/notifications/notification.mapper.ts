import type { ContractMapping } from '@psea/subgraph-kit';
import { INVESTIGATED_BY, MEMBER, NATURE, PATERNITY, STATE_STATUS } from './notification.codes';

/** Notifications about non-UN forces, read as the common contract. */
export const notificationMapping: ContractMapping = {
  from: 'notification n JOIN force f ON f.id = n.force_id',
  id: 'n.id',
  reference: 'n.reference',
  entity: 'f.code',
  reported: 'n.received_on',
  incident: 'n.incident_period',
  allegationType: NATURE,
  personnelCategory: MEMBER,
  // Members of a force are uniformed: their State is published.
  nationality: 'n.reporting_state',
  perpetrators: 'n.members_involved',
  victims: {
    women: 'n.victims_women',
    girls: 'n.victims_girls',
    femaleUnknownAge: 'n.victims_female_unknown_age',
    men: 'n.victims_men',
    boys: 'n.victims_boys',
    maleUnknownAge: 'n.victims_male_unknown_age',
    unknown: 'n.victims_unknown',
  },
  investigatingEntity: INVESTIGATED_BY,
  investigationStatus: STATE_STATUS,
  investigationDays: 'n.investigation_days',
  interimActions: 'n.interim_actions',
  finalActions: 'n.final_actions',
  paternity: PATERNITY,
  assistance: 'n.assistance',
  criminalReferral: 'n.criminal_referral',
  synthetic: 'n.synthetic',
};
