import 'reflect-metadata';

export {
  enumValues,
  Source,
  EntityKind,
  AllegationType,
  PersonnelCategory,
  UNIFORMED_CATEGORIES,
  InvestigatingEntity,
  InvestigationStatus,
  MemberStateResponse,
  InterimAction,
  FinalAction,
  PaternityStatus,
  Assistance,
  IncidentYear,
  HeadlineLine,
  Dimension,
  LIST_DIMENSIONS,
  ContributionStatus,
  ENUM_VALUES,
} from './enums';
export * from './assert';
export {
  badUserInput,
  isSourceFailureReason,
  sourceUnavailable,
  tooManyRows,
  forbidden,
  forbiddenService,
  unauthenticated,
  rateLimited,
  ErrorCode,
  EXIT,
  OperatorError,
  ConfigError,
  SourceFailureReason,
} from './errors';
export { errorBody, internalError, isShownCode, shownToClient } from './error-policy';
export * from './entities';
export { isQuarter, monthQuarter, monthStart, nextMonth } from './period';
export { canonicalJson } from './canonical-json';
export { normalizeFilter, normalizeGroupBy, filterIncludesSource, MAX_GROUP_BY_DIMENSIONS } from './filter';
export type { Filter } from './filter';
export {
  cursorKeyOf,
  compareCursorKeys,
  sourceAfterPosition,
  filterFingerprint,
  encodeCursor,
  cursorAfter,
  decodeCursor,
} from './cursor';
export type { CursorKey } from './cursor';
export { decodeScopeAs, encodeScope, MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE, MAX_LOOKUP_IDS } from './scope';
export type { StatisticsScope, PageScope, LookupScope, ScreeningScope, AuditScope, Scope } from './scope';
export { SOURCE_PAGE_SELECTION } from './selections';
export * from './views';
export {
  CONTRIBUTION_VERSION,
  MAX_CONTRIBUTION_LENGTH,
  MAX_CONTRIBUTION_ROWS,
  MalformedContribution,
  decodeStatisticsContribution,
  encodeStatisticsContribution,
} from './statistics-contribution';
export { allegationId, parseAllegationId } from './allegation-id';
export { coverage } from './consolidation/coverage';
export type { VictimGroup } from './consolidation/counts';
export { VICTIM_GROUPS, victimCounts, zeroCounts } from './consolidation/counts';
export { completeKey, consolidateStatistics, keyField } from './consolidation/consolidate-statistics';
export { mergePages } from './consolidation/merge-pages';
export { mergeLookups } from './consolidation/merge-lookups';
export { mergeScreenings } from './consolidation/merge-screenings';
export { mergeAudits } from './consolidation/merge-audits';
export {
  timelinessOf,
  TIMELINESS_TARGETS,
  MAX_TARGET_DAYS,
  HISTOGRAM_BIN_DAYS,
  HISTOGRAM_BINS,
  AGE_BAND_DAYS,
  TIMELINESS_COUNTS,
} from './timeliness';
export type { TimelinessTargets, TimelinessCount } from './timeliness';
export { Timeliness } from './types/timeliness.type';
export { recordProblems } from './record';
export type { VictimRecord, AllegationRecord } from './record';
export { AllegationFilterInput } from './types/allegation-filter.input';
export { AllegationCounts } from './types/allegation-counts.type';
export { StatisticsRow } from './types/statistics-row.type';
export { Allegation } from './types/allegation.type';
export { SourceStatistics, SourcePage, SourceLookup } from './types/contributions.type';
export { parseSourceRegistry, loadSourceRegistry, requireCompiledSources } from './source-registry';
export type { SourceRegistration } from './source-registry';
export * from './source-identity';
export { syntheticNotice, answerNotices, SYNTHETIC_NOTICE } from './notices';
export {
  enumLabel,
  sourceLabel,
  sourceLabels,
  nationalityLabel,
  monthLabel,
  dateTimeLabel,
  labelCatalogue,
  LABELS,
} from './labels';
export type { LabelledEnum } from './labels';
export { isRole, may, requirePermission, Role } from './roles';
export type { Operation, Caller } from './roles';
export { decideStatisticsDisclosure, decideAcrossSources, finerAcrossSources, finerReadNotice } from './disclosure';
export type { SourceDisclosure, DisclosingSource } from './disclosure';
export {
  unIndex,
  passport,
  nationalId,
  normalizeIdentifier,
  pseudonymize,
  sourcePseudonym,
  MAX_SUBJECT_IDENTIFIERS,
  SCREENING_REPORTED_STATUSES,
} from './screening';
export { SubjectInput } from './types/subject.input';
export { ScreeningMatch, SourceScreening, AuditRow, SourceAudit } from './types/screening.type';
export * from './registry-module';
export { normalizeAsOf, filterQuarters, filterEntities, unsubmitted, unsubmittedNotice, isUnsubmittedNotice } from './provenance';
export type { AsOf } from './provenance';
export { EntitySubmission, SourceProvenance, SourceVersionInput } from './types/provenance.type';
