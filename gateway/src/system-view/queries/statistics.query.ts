import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import {
  AllegationFilterInput,
  Dimension,
  SourceRegistration,
  StatisticsScope,
  TimelinessTargets,
  decideAcrossSources,
  encodeScope,
  normalizeAsOf,
  normalizeFilter,
  SourceVersionInput,
  normalizeGroupBy,
  requirePermission,
} from '@psea/contract';
import type { SystemViewContext } from '../system-view-context';
import type { ViewReference } from '../representation';
import { selectsField } from '../selects-field';

/** `allegationStatistics`: refuses what the disclosure policy withholds before any source is asked. */
export function statisticsQuery(
  sources: readonly SourceRegistration[],
  StatisticsView: Function,
  /** The deployment's timeliness targets, sent to every source in the scope; absent: the UN's. */
  timelinessTargets?: TimelinessTargets,
) {
  @Resolver()
  class StatisticsQuery {
    @Query(() => StatisticsView, { description: 'Allegation statistics over every source, grouped by any dimensions' })
    allegationStatistics(
      @Arg('filter', () => AllegationFilterInput, { nullable: true }) filter: AllegationFilterInput | null,
      @Arg('groupBy', () => [Dimension], { nullable: true }) groupBy: Dimension[] | null,
      @Ctx() context: SystemViewContext,
      @Arg('asOf', () => [SourceVersionInput], {
        nullable: true,
        description: "Answer as of these data versions (an edition's manifest), from each source's record history",
      })
      asOf?: SourceVersionInput[] | null,
    ): ViewReference {
      const caller = requirePermission(context.caller, 'statistics');
      const versions = normalizeAsOf(asOf);
      const scope: StatisticsScope = {
        kind: 'statistics',
        filter: normalizeFilter(filter),
        groupBy: normalizeGroupBy(groupBy),
        ...(timelinessTargets ? { targets: timelinessTargets } : {}),
        ...(versions ? { asOf: versions } : {}),
        // The submission status grows with entities times quarters: read only when the client
        // selects it. Without the client's document (a router other than this gateway), read it.
        ...(context.clientDocument &&
        !selectsField(context.clientDocument, 'allegationStatistics', ['submissions', 'unsubmittedEntities'])
          ? { withoutSubmissions: true as const }
          : {}),
      };
      decideAcrossSources(scope, caller, sources);
      return { scope: encodeScope(scope) };
    }
  }
  return StatisticsQuery;
}
