/**
 * The native codes and what they mean in the contract, one-to-one: the values the new source
 * stores for each enumerated field, its personnel categories being the ones it serves.
 */
export function codesFiles(categories: readonly string[]): Record<string, string> {
  return {
    'src/reports/report.codes.ts': `import {
  AllegationType,
  InvestigatingEntity,
  InvestigationStatus,
  MemberStateResponse,
  PaternityStatus,
  PersonnelCategory,
} from '@psea/contract';
import type { EnumListMapping, EnumMapping } from '@psea/subgraph-kit';

// Your native codes (left) and what they mean in the contract (right). One-to-one.

export const KIND: EnumMapping<AllegationType> = {
  sql: 'r.kind',
  values: { exploitation: AllegationType.SE, abuse: AllegationType.SA, other: AllegationType.OTHER, unknown: AllegationType.UNKNOWN },
};

export const CATEGORY: EnumMapping<PersonnelCategory> = {
  sql: 'r.category',
  values: {
${categories.map((c) => `    ${c.toLowerCase()}: PersonnelCategory.${c},`).join('\n')}
  },
};

// A list: a joint investigation (e.g. the TCC with OIOS) names each investigator.
export const INVESTIGATORS: EnumListMapping<InvestigatingEntity> = {
  list: true,
  sql: 'r.investigators',
  values: {
    OIOS: InvestigatingEntity.OIOS,
    TCC: InvestigatingEntity.TCC,
    PCC: InvestigatingEntity.PCC,
    NIO: InvestigatingEntity.NIO,
    own: InvestigatingEntity.ENTITY,
    state: InvestigatingEntity.MEMBER_STATE,
  },
};

export const STATUS: EnumMapping<InvestigationStatus> = {
  sql: 'r.status',
  values: {
    assessment: InvestigationStatus.PRELIMINARY_ASSESSMENT,
    review: InvestigationStatus.UNDER_REVIEW,
    investigation: InvestigationStatus.UNDER_INVESTIGATION,
    substantiated: InvestigationStatus.SUBSTANTIATED,
    unsubstantiated: InvestigationStatus.NOT_SUBSTANTIATED,
    closed: InvestigationStatus.CLOSED_OTHER,
  },
};

export const STATE_RESPONSE: EnumMapping<MemberStateResponse> = {
  sql: 'r.state_response',
  values: {
    none: MemberStateResponse.NONE,
    acknowledged: MemberStateResponse.ACKNOWLEDGED,
    investigating: MemberStateResponse.INVESTIGATING,
    'outcome reported': MemberStateResponse.OUTCOME_REPORTED,
  },
};

export const PATERNITY: EnumMapping<PaternityStatus> = {
  sql: 'r.paternity',
  values: {
    none: PaternityStatus.NONE,
    pending: PaternityStatus.PENDING,
    established: PaternityStatus.ESTABLISHED,
    'not established': PaternityStatus.NOT_ESTABLISHED,
  },
};
`,
  };
}
