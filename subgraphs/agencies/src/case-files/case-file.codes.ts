import {
  AllegationType,
  InvestigatingEntity,
  InvestigationStatus,
  MemberStateResponse,
  PaternityStatus,
  PersonnelCategory,
} from '@psea/contract';
import type { EnumListMapping, EnumMapping } from '@psea/subgraph-kit';

export const PERSONNEL_TYPE: EnumMapping<PersonnelCategory> = {
  sql: 'f.personnel_type',
  values: {
    staff: PersonnelCategory.STAFF,
    related: PersonnelCategory.RELATED_PERSONNEL,
    partner: PersonnelCategory.IMPLEMENTING_PARTNER,
    volunteer: PersonnelCategory.UN_VOLUNTEER,
  },
};

export const MISCONDUCT_TYPE: EnumMapping<AllegationType> = {
  sql: 'f.misconduct_type',
  values: {
    exploitation: AllegationType.SE,
    abuse: AllegationType.SA,
    other: AllegationType.OTHER,
    unknown: AllegationType.UNKNOWN,
  },
};

export const INVESTIGATORS: EnumListMapping<InvestigatingEntity> = {
  list: true,
  sql: 'f.investigators',
  values: {
    OIOS: InvestigatingEntity.OIOS,
    'own investigation service': InvestigatingEntity.ENTITY,
    NIO: InvestigatingEntity.NIO,
    TCC: InvestigatingEntity.TCC,
    PCC: InvestigatingEntity.PCC,
    'national authorities': InvestigatingEntity.MEMBER_STATE,
  },
};

export const STAGE: EnumMapping<InvestigationStatus> = {
  sql: 'f.stage',
  values: {
    intake: InvestigationStatus.PRELIMINARY_ASSESSMENT,
    'insufficient information': InvestigationStatus.UNDER_REVIEW,
    investigation: InvestigationStatus.UNDER_INVESTIGATION,
    substantiated: InvestigationStatus.SUBSTANTIATED,
    unsubstantiated: InvestigationStatus.NOT_SUBSTANTIATED,
    closed: InvestigationStatus.CLOSED_OTHER,
  },
};

/** The national authorities' reply to a referral. */
export const AUTHORITIES_REPLY: EnumMapping<MemberStateResponse> = {
  sql: 'f.authorities_reply',
  values: {
    none: MemberStateResponse.NONE,
    acknowledged: MemberStateResponse.ACKNOWLEDGED,
    investigating: MemberStateResponse.INVESTIGATING,
    'outcome reported': MemberStateResponse.OUTCOME_REPORTED,
  },
};

export const PATERNITY_CLAIM: EnumMapping<PaternityStatus> = {
  sql: 'f.paternity_claim',
  values: {
    none: PaternityStatus.NONE,
    pending: PaternityStatus.PENDING,
    established: PaternityStatus.ESTABLISHED,
    'not established': PaternityStatus.NOT_ESTABLISHED,
  },
};
