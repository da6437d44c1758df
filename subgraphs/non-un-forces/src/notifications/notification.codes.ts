import {
  AllegationType,
  InvestigatingEntity,
  InvestigationStatus,
  MemberStateResponse,
  PaternityStatus,
  PersonnelCategory,
} from '@psea/contract';
import type { EnumListMapping, EnumMapping } from '@psea/subgraph-kit';

/** The service of the members of the force involved (resolution 2272: military, police, civilian). */
export const MEMBER_SERVICE: EnumMapping<PersonnelCategory> = {
  sql: 'n.member_service',
  values: {
    military: PersonnelCategory.NON_UN_FORCE,
    police: PersonnelCategory.NON_UN_FORCE_POLICE,
    civilian: PersonnelCategory.NON_UN_FORCE_CIVILIAN,
  },
};

export const NATURE: EnumMapping<AllegationType> = {
  sql: 'n.nature',
  values: {
    'sexual exploitation': AllegationType.SE,
    'sexual abuse': AllegationType.SA,
    other: AllegationType.OTHER,
    unknown: AllegationType.UNKNOWN,
  },
};

export const INVESTIGATED_BY: EnumListMapping<InvestigatingEntity> = {
  list: true,
  sql: 'n.investigated_by',
  values: {
    'reporting State': InvestigatingEntity.MEMBER_STATE,
    'force command': InvestigatingEntity.ENTITY,
    OIOS: InvestigatingEntity.OIOS,
    NIO: InvestigatingEntity.NIO,
    TCC: InvestigatingEntity.TCC,
    PCC: InvestigatingEntity.PCC,
  },
};

/** What the reporting State told the UN about its handling of the allegation. */
export const STATE_STATUS: EnumMapping<InvestigationStatus> = {
  sql: 'n.state_status',
  values: {
    'information requested': InvestigationStatus.PRELIMINARY_ASSESSMENT,
    'awaiting information': InvestigationStatus.UNDER_REVIEW,
    'under investigation by the State': InvestigationStatus.UNDER_INVESTIGATION,
    substantiated: InvestigationStatus.SUBSTANTIATED,
    'not substantiated': InvestigationStatus.NOT_SUBSTANTIATED,
    closed: InvestigationStatus.CLOSED_OTHER,
  },
};

/** The State's reply after the UN notified it. */
export const STATE_REPLY: EnumMapping<MemberStateResponse> = {
  sql: 'n.state_reply',
  values: {
    'no reply': MemberStateResponse.NONE,
    acknowledged: MemberStateResponse.ACKNOWLEDGED,
    investigating: MemberStateResponse.INVESTIGATING,
    'outcome reported': MemberStateResponse.OUTCOME_REPORTED,
  },
};

export const PATERNITY: EnumMapping<PaternityStatus> = {
  sql: 'n.paternity',
  values: {
    none: PaternityStatus.NONE,
    pending: PaternityStatus.PENDING,
    established: PaternityStatus.ESTABLISHED,
    'not established': PaternityStatus.NOT_ESTABLISHED,
  },
};
