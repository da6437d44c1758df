import { Directive, Field, ObjectType } from 'type-graphql';
import {
  Allegation,
  AllegationCounts,
  AuditRow,
  Dimension,
  ScreeningMatch,
  Source,
  SourcePage,
  SourceRegistration,
  SourceStatistics,
  StatisticsRow,
  VIEWS,
  ViewDescription,
  assert,
  requiredContributorField,
} from '@psea/contract';
import { SourceCoverage } from './source-coverage.type';
import { TimelinessTargetsType } from './timeliness-targets.type';
import { addProvenanceField, addStatisticsProvenanceFields } from './provenance-fields';

function viewOf(kind: ViewDescription['kind']): ViewDescription {
  const view = VIEWS.find((v) => v.kind === kind);
  assert(view, `view ${kind}`);
  return view;
}

/** The `@requires` selection of a view: every source's contribution, every field of it. */
export function requiresSelection(view: ViewDescription, sources: readonly SourceRegistration[]): string {
  return sources.map((s) => requiredContributorField(view, s.contributorField)).join(' ');
}

/** Declares each source's contributor field on a view type, as external (the source resolves it). */
function addContributorFields(
  target: { prototype: object },
  view: ViewDescription,
  sources: readonly SourceRegistration[],
): void {
  for (const s of sources) {
    const type = view.compact ? String : view.contribution;
    const carried = view.compact ? ' (compact encoding of the contract)' : '';
    Field(() => type, { description: `The ${s.name} source's part, resolved by that source${carried}` })(
      target.prototype,
      s.contributorField,
    );
    Directive('@external')(target.prototype, s.contributorField);
  }
}

@ObjectType({ description: 'An audit row of one source' })
export class SourceAuditRow extends AuditRow {
  @Field(() => Source) source!: Source;
}

/**
 * The system-wide view types, generated from the list of sources: each is an entity keyed by
 * `scope`, with the sources' contributions external and the consolidated fields requiring
 * them all. Nothing here is edited by hand when a source is added.
 */
export function defineViewTypes(sources: readonly SourceRegistration[]) {
  const requires = (kind: ViewDescription['kind']) => `@requires(fields: "${requiresSelection(viewOf(kind), sources)}")`;
  const statistics = requires('statistics');
  const page = requires('page');
  const lookup = requires('lookup');
  const screening = requires('screening');
  const audit = requires('audit');

  @ObjectType(viewOf('statistics').typeName, { description: 'Consolidated statistics over every source' })
  @Directive('@key(fields: "scope")')
  class StatisticsView {
    @Field(() => String, { description: 'Canonical, versioned encoding of the request' }) scope!: string;
    @Field(() => [Dimension], { description: 'The grouping, in the order asked' }) groupBy!: Dimension[];
    @Field(() => TimelinessTargetsType, { description: 'The targets the timeliness counts are against' })
    timelinessTargets!: TimelinessTargetsType;
    @Field(() => AllegationCounts, { description: 'Sum over the sources that answered; always exact' })
    @Directive(statistics)
    total!: AllegationCounts;
    @Field(() => [StatisticsRow], { description: 'One row per group, summed over sources' })
    @Directive(statistics)
    rows!: StatisticsRow[];
    @Field(() => [SourceStatistics], { description: "Each source's own statistics" })
    @Directive(statistics)
    perSource!: SourceStatistics[];
    @Field(() => Boolean, { description: 'False when a source that should have answered did not' })
    @Directive(statistics)
    complete!: boolean;
    @Field(() => [Source], { description: 'Sources whose records are missing from this answer' })
    @Directive(statistics)
    missingSources!: Source[];
    @Field(() => [SourceCoverage]) @Directive(statistics) sources!: SourceCoverage[];
    @Field(() => [String], {
      description: 'Notes a reader must see with the figures (synthetic records, missing sources, reads finer than publication)',
    })
    @Directive(statistics)
    notices!: string[];
  }
  addContributorFields(StatisticsView, viewOf('statistics'), sources);
  addStatisticsProvenanceFields(StatisticsView, statistics);

  @ObjectType(viewOf('page').typeName, { description: 'A page of case records merged across sources, in reporting order' })
  @Directive('@key(fields: "scope")')
  class AllegationPageView {
    @Field(() => String) scope!: string;
    @Field(() => [Allegation]) @Directive(page) items!: Allegation[];
    @Field(() => Boolean) @Directive(page) hasNextPage!: boolean;
    @Field(() => String, { nullable: true, description: 'Pass as `after` for the next page' })
    @Directive(page)
    endCursor!: string | null;
    @Field(() => [SourcePage], { description: "Each source's own page, with its own cursor" })
    @Directive(page)
    perSource!: SourcePage[];
    @Field(() => Boolean) @Directive(page) complete!: boolean;
    @Field(() => [Source]) @Directive(page) missingSources!: Source[];
    @Field(() => [SourceCoverage]) @Directive(page) sources!: SourceCoverage[];
    @Field(() => [String]) @Directive(page) notices!: string[];
  }
  addContributorFields(AllegationPageView, viewOf('page'), sources);
  addProvenanceField(AllegationPageView, page);

  @ObjectType(viewOf('lookup').typeName, { description: 'Case records found by id across sources' })
  @Directive('@key(fields: "scope")')
  class AllegationLookupView {
    @Field(() => String) scope!: string;
    @Field(() => [Allegation], { description: 'The records found, in the order asked' }) @Directive(lookup) items!: Allegation[];
    @Field(() => Allegation, { nullable: true, description: 'The first record found' })
    @Directive(lookup)
    allegation!: Allegation | null;
    @Field(() => Boolean) @Directive(lookup) complete!: boolean;
    @Field(() => [Source]) @Directive(lookup) missingSources!: Source[];
  }
  addContributorFields(AllegationLookupView, viewOf('lookup'), sources);
  addProvenanceField(AllegationLookupView, lookup);

  @ObjectType(viewOf('screening').typeName, { description: 'Allegations recorded against a screened person, across sources' })
  @Directive('@key(fields: "scope")')
  class ScreeningView {
    @Field(() => String) scope!: string;
    @Field(() => Boolean, {
      description: 'True when a source holds a substantiated or pending allegation against the person (ClearCheck scope)',
    })
    @Directive(screening)
    matched!: boolean;
    @Field(() => [String], { description: 'Entity codes to contact about the matches, sorted' })
    @Directive(screening)
    contactEntities!: string[];
    @Field(() => [ScreeningMatch], { description: 'What each match was: coordinators only (FORBIDDEN for screeners)' })
    @Directive(screening)
    matches!: ScreeningMatch[];
    @Field(() => Boolean, { description: 'False when a source did not answer: no match is then not a clearance' })
    @Directive(screening)
    complete!: boolean;
    @Field(() => [Source]) @Directive(screening) missingSources!: Source[];
  }
  addContributorFields(ScreeningView, viewOf('screening'), sources);
  addProvenanceField(ScreeningView, screening);

  @ObjectType(viewOf('audit').typeName, { description: "Case-level reads and screenings, from each source's own audit log" })
  @Directive('@key(fields: "scope")')
  class AuditView {
    @Field(() => String) scope!: string;
    @Field(() => [SourceAuditRow]) @Directive(audit) rows!: SourceAuditRow[];
    @Field(() => Boolean) @Directive(audit) complete!: boolean;
    @Field(() => [Source]) @Directive(audit) missingSources!: Source[];
  }
  addContributorFields(AuditView, viewOf('audit'), sources);

  return { StatisticsView, AllegationPageView, AllegationLookupView, ScreeningView, AuditView };
}
