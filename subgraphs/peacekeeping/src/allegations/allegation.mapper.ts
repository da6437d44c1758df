import type { ContractMapping } from '@psea/subgraph-kit';
import { ALLEGATION_TYPE, CATEGORY, INVESTIGATED_BY, PATERNITY, STATUS, TCC_RESPONSE } from './allegation.codes';

/** Missions, contingents and their allegations, read as the common contract. */
export const allegationMapping: ContractMapping = {
  from: 'allegation a JOIN mission m ON m.id = a.mission_id LEFT JOIN contingent c ON c.id = a.contingent_id',
  listTables: ['allegation_investigator'],
  id: 'a.id',
  reference: 'a.reference',
  entity: 'm.code',
  reported: 'a.received_month',
  incident: `CASE WHEN a.incident_month IS NOT NULL THEN a.incident_year || '-' || lpad(a.incident_month::text, 2, '0') ELSE a.incident_year::text END`,
  allegationType: ALLEGATION_TYPE,
  personnelCategory: CATEGORY,
  nationality: 'c.country_code',
  perpetrators: 'a.perpetrators',
  perpetratorsMen: 'a.perpetrators_male',
  perpetratorsWomen: 'a.perpetrators_female',
  victims: {
    women: 'a.victims_women',
    girls: 'a.victims_girls',
    femaleUnknownAge: 'a.victims_female_unknown_age',
    men: 'a.victims_men',
    boys: 'a.victims_boys',
    maleUnknownAge: 'a.victims_male_unknown_age',
    unknown: 'a.victims_unknown',
  },
  investigatingEntities: INVESTIGATED_BY,
  investigationStatus: STATUS,
  investigationDays: 'a.investigation_days',
  investigationStarted: 'a.investigation_started_month',
  investigationCompleted: 'a.investigation_completed_month',
  interimActions: 'a.interim_actions',
  finalActions: 'a.final_actions',
  memberStateActions: 'a.tcc_actions',
  // Referral for action is the notification of the T/PCC.
  memberStateReferral: {
    referred: 'a.tcc_notified',
    notified: 'a.tcc_notified_month',
    nioRequested: 'a.nio_requested',
    nioAppointed: 'a.nio_appointed',
    response: TCC_RESPONSE,
    lastResponse: 'a.tcc_last_response_month',
  },
  paternity: PATERNITY,
  assistance: 'a.victim_assistance',
  criminalReferral: 'a.referred_for_prosecution',
  synthetic: 'a.synthetic',
};
