import type { ContractMapping } from '@psea/subgraph-kit';
import { AUTHORITIES_REPLY, INVESTIGATORS, MISCONDUCT_TYPE, PATERNITY_CLAIM, PERSONNEL_TYPE, STAGE } from './case-file.codes';

/** Case files of agencies, read as the common contract. Offices stay inside. */
export const caseFileMapping: ContractMapping = {
  from: 'case_file f JOIN office o ON o.id = f.office_id JOIN agency g ON g.id = o.agency_id',
  id: 'f.id',
  reference: 'f.case_number',
  entity: 'g.code',
  reported: 'make_date(f.received_year, f.received_month, 1)',
  incident: 'f.incident_period',
  allegationType: MISCONDUCT_TYPE,
  personnelCategory: PERSONNEL_TYPE,
  // Agencies report no uniformed personnel, so no nationality is ever published.
  nationality: 'NULL::text',
  perpetrators: 'f.subjects_count',
  perpetratorsMen: 'f.subjects_male',
  perpetratorsWomen: 'f.subjects_female',
  victims: {
    women: 'f.female_adult',
    girls: 'f.female_minor',
    femaleUnknownAge: 'f.female_age_unknown',
    men: 'f.male_adult',
    boys: 'f.male_minor',
    maleUnknownAge: 'f.male_age_unknown',
    unknown: 'f.sex_unknown',
  },
  investigatingEntities: INVESTIGATORS,
  investigationStatus: STAGE,
  investigationDays: 'f.duration_days',
  investigationStarted: 'f.investigation_opened',
  investigationCompleted: 'f.investigation_closed',
  interimActions: 'f.interim_measures',
  finalActions: 'f.disciplinary_outcomes',
  memberStateActions: 'f.national_outcomes',
  // Agencies refer to the national authorities of the State concerned.
  memberStateReferral: {
    referred: 'f.authorities_referral',
    notified: 'f.authorities_notified',
    nioRequested: 'f.nio_requested',
    nioAppointed: 'f.nio_appointed',
    response: AUTHORITIES_REPLY,
    lastResponse: 'f.authorities_reply_date',
  },
  paternity: PATERNITY_CLAIM,
  assistance: 'f.support_provided',
  criminalReferral: 'f.referred_for_prosecution',
  synthetic: 'f.synthetic',
};
