import { AllegationType, InvestigatingEntity, InvestigationStatus, PaternityStatus, PersonnelCategory } from '@psea/contract';
import type { EnumMapping } from '@psea/subgraph-kit';

/** Every person a force reports on is a member of that force. */
export const MEMBER: EnumMapping<PersonnelCategory> = {
  sql: `'member'::text`,
  values: { member: PersonnelCategory.NON_UN_FORCE },
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

export const INVESTIGATED_BY: EnumMapping<InvestigatingEntity> = {
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
    'before national courts': InvestigationStatus.REFERRED_TO_MEMBER_STATE,
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
