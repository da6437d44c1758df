import {
  AllegationType,
  InvestigatingEntity,
  InvestigationStatus,
  MemberStateResponse,
  PaternityStatus,
  PersonnelCategory,
} from '@psea/contract';
import type { EnumListMapping, EnumMapping } from '@psea/subgraph-kit';

/** Conduct and Discipline category codes. */
export const CATEGORY: EnumMapping<PersonnelCategory> = {
  sql: 'a.category',
  values: {
    MC: PersonnelCategory.MILITARY_CONTINGENT,
    MO: PersonnelCategory.MILITARY_OBSERVER,
    UNPOL: PersonnelCategory.POLICE_INDIVIDUAL,
    FPU: PersonnelCategory.POLICE_FPU,
    INT: PersonnelCategory.CIVILIAN_INTERNATIONAL,
    NS: PersonnelCategory.CIVILIAN_NATIONAL,
    UNV: PersonnelCategory.UN_VOLUNTEER,
  },
};

export const ALLEGATION_TYPE: EnumMapping<AllegationType> = {
  sql: 'a.allegation_type',
  values: { SE: AllegationType.SE, SA: AllegationType.SA, other: AllegationType.OTHER, unknown: AllegationType.UNKNOWN },
};

/** Investigators of an allegation, one row each in allegation_investigator (joint investigations have several). */
export const INVESTIGATED_BY: EnumListMapping<InvestigatingEntity> = {
  list: true,
  sql: 'ARRAY(SELECT i.investigator FROM allegation_investigator i WHERE i.allegation_id = a.id)',
  values: {
    OIOS: InvestigatingEntity.OIOS,
    TCC: InvestigatingEntity.TCC,
    PCC: InvestigatingEntity.PCC,
    NIO: InvestigatingEntity.NIO,
    mission: InvestigatingEntity.ENTITY,
    'member state': InvestigatingEntity.MEMBER_STATE,
  },
};

export const STATUS: EnumMapping<InvestigationStatus> = {
  sql: 'a.status',
  values: {
    'pending preliminary assessment': InvestigationStatus.PRELIMINARY_ASSESSMENT,
    'under review (limited information)': InvestigationStatus.UNDER_REVIEW,
    'under investigation': InvestigationStatus.UNDER_INVESTIGATION,
    substantiated: InvestigationStatus.SUBSTANTIATED,
    unsubstantiated: InvestigationStatus.NOT_SUBSTANTIATED,
    'closed (other)': InvestigationStatus.CLOSED_OTHER,
  },
};

/** How the T/PCC answered the notification. */
export const TCC_RESPONSE: EnumMapping<MemberStateResponse> = {
  sql: 'a.tcc_response',
  values: {
    'no response': MemberStateResponse.NONE,
    acknowledged: MemberStateResponse.ACKNOWLEDGED,
    'national investigation': MemberStateResponse.INVESTIGATING,
    'outcome reported': MemberStateResponse.OUTCOME_REPORTED,
  },
};

export const PATERNITY: EnumMapping<PaternityStatus> = {
  sql: 'a.paternity',
  values: {
    none: PaternityStatus.NONE,
    pending: PaternityStatus.PENDING,
    established: PaternityStatus.ESTABLISHED,
    'not established': PaternityStatus.NOT_ESTABLISHED,
  },
};
