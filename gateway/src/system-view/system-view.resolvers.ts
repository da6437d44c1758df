import { SourceRegistration, SourceStatistics, VIEWS } from '@psea/contract';
import type { SourceLookup, SourcePage, SourceScreening } from '@psea/contract';
import type { ReferenceResolvers } from '@psea/subgraph-kit';
import { defineViewTypes } from './view-types';
import type { Representation } from './representation';
import type { SystemViewContext, SystemViewOptions } from './system-view-context';
import { statisticsQuery } from './queries/statistics.query';
import { allegationsQuery } from './queries/allegations.query';
import { lookupQuery } from './queries/lookup.query';
import { screenQuery } from './queries/screen.query';
import { auditSummaryQuery } from './queries/audit-summary.query';
import { statisticsViewResolver } from './views/statistics-view.resolver';
import { allegationPageViewResolver } from './views/allegation-page-view.resolver';
import { allegationLookupViewResolver } from './views/allegation-lookup-view.resolver';
import { screeningViewResolver } from './views/screening-view.resolver';
import { auditViewResolver } from './views/audit-view.resolver';
import { provenanceResolver, submissionsResolver } from './provenance-fields';
import { contributionsOf, decodedContributionsOf } from './representation';

/**
 * The resolvers of the system view: root fields (queries/) that check the caller's role,
 * validate the request and encode it as a scope; one resolver per view (views/) computing the
 * consolidated fields from the sources' contributions (`@requires`), with what the caller's role
 * may see. Root fields are listed in the order the schema shows them.
 */
export function systemViewResolvers(sources: readonly SourceRegistration[], options: SystemViewOptions) {
  const { StatisticsView, AllegationPageView, AllegationLookupView, ScreeningView, AuditView } = defineViewTypes(sources);
  const passThrough = { __resolveReference: (reference: Representation) => reference };
  const referenceResolvers: ReferenceResolvers<SystemViewContext> = {};
  for (const type of [StatisticsView, AllegationPageView, AllegationLookupView, ScreeningView, AuditView]) {
    referenceResolvers[type.name] = passThrough;
  }
  // Decoded once per representation, for the consolidated fields and the provenance alike.
  const statistics = decodedContributionsOf<SourceStatistics>(
    sources,
    VIEWS.find((v) => v.kind === 'statistics') as (typeof VIEWS)[number],
  );
  return {
    resolvers: [
      statisticsQuery(sources, StatisticsView, options.timelinessTargets),
      allegationsQuery(sources, AllegationPageView),
      lookupQuery(AllegationLookupView),
      screenQuery(options, ScreeningView),
      auditSummaryQuery(AuditView),
      statisticsViewResolver(sources, StatisticsView, statistics),
      provenanceResolver(StatisticsView, statistics),
      submissionsResolver(StatisticsView, statistics),
      provenanceResolver(AllegationPageView, (root) => contributionsOf(sources)<SourcePage>(root)),
      provenanceResolver(AllegationLookupView, (root) => contributionsOf(sources)<SourceLookup>(root)),
      provenanceResolver(ScreeningView, (root) => contributionsOf(sources)<SourceScreening>(root)),
      allegationPageViewResolver(sources, AllegationPageView),
      allegationLookupViewResolver(sources, AllegationLookupView),
      screeningViewResolver(sources, ScreeningView),
      auditViewResolver(sources, AuditView),
    ] as [Function, ...Function[]],
    referenceResolvers,
  };
}
