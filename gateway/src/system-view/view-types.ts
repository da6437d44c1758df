import { Directive, Field, ObjectType } from 'type-graphql';
import {
  Allegation,
  AllegationCounts,
  Dimension,
  Source,
  SourceRegistration,
  StatisticsRow,
  VIEWS,
  ViewDescription,
  assert,
} from '@psea/contract';
import { SourceCoverage } from './source-coverage.type';

function viewOf(kind: ViewDescription['kind']): ViewDescription {
  const view = VIEWS.find((v) => v.kind === kind);
  assert(view, `view ${kind}`);
  return view;
}

/** The `@requires` selection of a view: every source's contribution, every field of it. */
export function requiresSelection(view: ViewDescription, sources: readonly SourceRegistration[]): string {
  return sources.map((s) => `${s.contributorField} { ${view.selection} }`).join(' ');
}

/** Declares each source's contributor field on a view type, as external (the source resolves it). */
function addContributorFields(
  target: { prototype: object },
  view: ViewDescription,
  sources: readonly SourceRegistration[],
): void {
  for (const s of sources) {
    Field(() => view.contribution, { description: `The ${s.name} source's part, resolved by that source` })(
      target.prototype,
      s.contributorField,
    );
    Directive('@external')(target.prototype, s.contributorField);
  }
}

/**
 * The system-wide view types, generated from the list of sources: each is an entity keyed by
 * `scope`, with the sources' contributions external and the consolidated fields requiring
 * them all. Nothing here is edited by hand when a source is added.
 */
export function defineViewTypes(sources: readonly SourceRegistration[]) {
  const statistics = viewOf('statistics');
  const page = viewOf('page');
  const lookup = viewOf('lookup');
  const requiresStatistics = `@requires(fields: "${requiresSelection(statistics, sources)}")`;
  const requiresPage = `@requires(fields: "${requiresSelection(page, sources)}")`;
  const requiresLookup = `@requires(fields: "${requiresSelection(lookup, sources)}")`;

  @ObjectType(statistics.typeName, { description: 'Consolidated statistics over every source' })
  @Directive('@key(fields: "scope")')
  class StatisticsView {
    @Field(() => String, { description: 'Canonical, versioned encoding of the request' }) scope!: string;
    @Field(() => [Dimension], { description: 'The grouping, in the order asked' }) groupBy!: Dimension[];
    @Field(() => AllegationCounts, { description: 'Sum over the sources that answered' })
    @Directive(requiresStatistics)
    total!: AllegationCounts;
    @Field(() => [StatisticsRow], { description: 'One row per group, summed over sources' })
    @Directive(requiresStatistics)
    rows!: StatisticsRow[];
    @Field(() => Boolean, { description: 'False when a source that should have answered did not' })
    @Directive(requiresStatistics)
    complete!: boolean;
    @Field(() => [Source], { description: 'Sources whose records are missing from this answer' })
    @Directive(requiresStatistics)
    missingSources!: Source[];
    @Field(() => [SourceCoverage])
    @Directive(requiresStatistics)
    sources!: SourceCoverage[];
    @Field(() => [String], { description: 'Notes a reader must see with the figures (synthetic records, missing sources)' })
    @Directive(requiresStatistics)
    notices!: string[];
  }
  addContributorFields(StatisticsView, statistics, sources);

  @ObjectType(page.typeName, { description: 'A page of case records merged across sources, in reporting order' })
  @Directive('@key(fields: "scope")')
  class AllegationPageView {
    @Field(() => String) scope!: string;
    @Field(() => [Allegation]) @Directive(requiresPage) items!: Allegation[];
    @Field(() => Boolean) @Directive(requiresPage) hasNextPage!: boolean;
    @Field(() => String, { nullable: true, description: 'Pass as `after` for the next page' })
    @Directive(requiresPage)
    endCursor!: string | null;
    @Field(() => Boolean) @Directive(requiresPage) complete!: boolean;
    @Field(() => [Source]) @Directive(requiresPage) missingSources!: Source[];
    @Field(() => [SourceCoverage]) @Directive(requiresPage) sources!: SourceCoverage[];
    @Field(() => [String]) @Directive(requiresPage) notices!: string[];
  }
  addContributorFields(AllegationPageView, page, sources);

  @ObjectType(lookup.typeName, { description: 'Case records found by id across sources' })
  @Directive('@key(fields: "scope")')
  class AllegationLookupView {
    @Field(() => String) scope!: string;
    @Field(() => [Allegation], { description: 'The records found, in the order asked' })
    @Directive(requiresLookup)
    items!: Allegation[];
    @Field(() => Allegation, { nullable: true, description: 'The first record found' })
    @Directive(requiresLookup)
    allegation!: Allegation | null;
    @Field(() => Boolean) @Directive(requiresLookup) complete!: boolean;
    @Field(() => [Source]) @Directive(requiresLookup) missingSources!: Source[];
  }
  addContributorFields(AllegationLookupView, lookup, sources);

  return { StatisticsView, AllegationPageView, AllegationLookupView };
}
