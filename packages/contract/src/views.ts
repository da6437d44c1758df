import { SourceLookup, SourcePage, SourceStatistics } from './types/contributions.type';
import { SourceAudit, SourceScreening } from './types/screening.type';
import {
  SOURCE_AUDIT_SELECTION,
  SOURCE_LOOKUP_SELECTION,
  SOURCE_PAGE_SELECTION,
  SOURCE_SCREENING_SELECTION,
  SOURCE_STATISTICS_SELECTION,
} from './selections';
import { Scope } from './scope';

/**
 * The federated views. Each is an entity keyed by `scope`, owned by the system view; every
 * source adds one contributor field to each (named after the source, e.g. `peacekeeping`).
 */
export interface ViewDescription {
  readonly kind: Scope['kind'];
  readonly typeName: string;
  readonly contribution:
    typeof SourceStatistics | typeof SourcePage | typeof SourceLookup | typeof SourceScreening | typeof SourceAudit;
  readonly contributionTypeName: string;
  readonly selection: string;
}

export const VIEWS: readonly ViewDescription[] = [
  {
    kind: 'statistics',
    typeName: 'StatisticsView',
    contribution: SourceStatistics,
    contributionTypeName: 'SourceStatistics',
    selection: SOURCE_STATISTICS_SELECTION,
  },
  {
    kind: 'page',
    typeName: 'AllegationPageView',
    contribution: SourcePage,
    contributionTypeName: 'SourcePage',
    selection: SOURCE_PAGE_SELECTION,
  },
  {
    kind: 'lookup',
    typeName: 'AllegationLookupView',
    contribution: SourceLookup,
    contributionTypeName: 'SourceLookup',
    selection: SOURCE_LOOKUP_SELECTION,
  },
  {
    kind: 'screening',
    typeName: 'ScreeningView',
    contribution: SourceScreening,
    contributionTypeName: 'SourceScreening',
    selection: SOURCE_SCREENING_SELECTION,
  },
  {
    kind: 'audit',
    typeName: 'AuditView',
    contribution: SourceAudit,
    contributionTypeName: 'SourceAudit',
    selection: SOURCE_AUDIT_SELECTION,
  },
];
