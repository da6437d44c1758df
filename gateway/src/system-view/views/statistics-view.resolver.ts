import { FieldResolver, Resolver, Root } from 'type-graphql';
import {
  SourceRegistration,
  SourceStatistics,
  TIMELINESS_TARGETS,
  answerNotices,
  consolidateStatistics,
  decodeScopeAs,
  finerAcrossSources,
  finerReadNotice,
  syntheticNotice,
} from '@psea/contract';
import { Representation, memo } from '../representation';

/** The consolidated statistics: the sources' counts summed, with the disclosure notice when finer. */
export function statisticsViewResolver(
  sources: readonly SourceRegistration[],
  StatisticsView: Function,
  contributions: (root: Representation) => SourceStatistics[],
) {
  const statistics = memo((root) => {
    const scope = decodeScopeAs(root.scope, 'statistics');
    return { scope, ...consolidateStatistics(scope.groupBy, contributions(root)) };
  });

  @Resolver(() => StatisticsView)
  class StatisticsViewResolver {
    @FieldResolver() groupBy(@Root() root: Representation) {
      return decodeScopeAs(root.scope, 'statistics').groupBy;
    }
    @FieldResolver() timelinessTargets(@Root() root: Representation) {
      return decodeScopeAs(root.scope, 'statistics').targets ?? TIMELINESS_TARGETS;
    }
    @FieldResolver() total(@Root() root: Representation) {
      return statistics(root).total;
    }
    @FieldResolver() rows(@Root() root: Representation) {
      return statistics(root).rows;
    }
    @FieldResolver() perSource(@Root() root: Representation) {
      return contributions(root);
    }
    @FieldResolver() complete(@Root() root: Representation) {
      return statistics(root).complete;
    }
    @FieldResolver() missingSources(@Root() root: Representation) {
      return statistics(root).missingSources;
    }
    @FieldResolver() sources(@Root() root: Representation) {
      return contributions(root).map(({ source, status }) => ({ source, status }));
    }
    @FieldResolver() notices(@Root() root: Representation) {
      const { scope, missingSources, total } = statistics(root);
      const finer = finerAcrossSources(scope, sources);
      const share = { records: total.allegations, synthetic: total.syntheticAllegations };
      // Entities that have not closed the period are in unsubmittedEntities and the report's
      // footers, not repeated here: notices say what the figures are (synthetic, finer, partial).
      return answerNotices(
        missingSources,
        syntheticNotice(share, 'counted', scope.filter),
        finer.length ? [finerReadNotice(finer)] : [],
      );
    }
  }
  return StatisticsViewResolver;
}
