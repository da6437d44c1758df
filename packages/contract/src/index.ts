import 'reflect-metadata';

export * from './enums';
export * from './assert';
export * from './errors';
export * from './entities';
export * from './period';
export * from './canonical-json';
export * from './filter';
export * from './cursor';
export * from './scope';
export * from './selections';
export * from './views';
export * from './allegation-id';
export { Coverage, coverage } from './consolidation/coverage';
export { VICTIM_GROUPS, VictimGroup, addCounts, victimCounts, zeroCounts, zeroVictims } from './consolidation/counts';
export {
  ConsolidatedStatistics,
  compareRows,
  completeKey,
  consolidateStatistics,
  keyField,
} from './consolidation/consolidate-statistics';
export { MergedPage, mergePages } from './consolidation/merge-pages';
export { mergeLookups } from './consolidation/merge-lookups';
export { mergeScreenings } from './consolidation/merge-screenings';
export { mergeAudits } from './consolidation/merge-audits';
export * from './timeliness';
export { Timeliness } from './types/timeliness.type';
export * from './record';
export { AllegationFilterInput } from './types/allegation-filter.input';
export { VictimCounts } from './types/victim-counts.type';
export { AllegationCounts } from './types/allegation-counts.type';
export { StatisticsKey, StatisticsRow } from './types/statistics-row.type';
export { Allegation } from './types/allegation.type';
export { MemberStateReferral } from './types/member-state-referral.type';
export { SourceStatistics, SourcePage, SourceLookup } from './types/contributions.type';
export * from './source-registry';
export * from './notices';
export * from './roles';
export * from './disclosure';
export * from './screening';
export { SubjectInput, IdentityDocumentInput } from './types/subject.input';
export { ScreeningMatch, SourceScreening, AuditRow, SourceAudit } from './types/screening.type';
export * from './registry-module';
