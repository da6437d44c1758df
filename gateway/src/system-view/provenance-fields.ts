import { Directive, Field, FieldResolver, ObjectType, Resolver, Root } from 'type-graphql';
import { ContributionStatus, EntitySubmission, SourceProvenance, SourceStatistics, unsubmitted } from '@psea/contract';

@ObjectType({ description: 'An entity that has not closed every quarter of the period asked about' })
export class UnsubmittedEntity {
  @Field(() => String) entity!: string;
  @Field(() => [String], { description: "The quarters it has not closed, 'YYYYQn'" }) quarters!: string[];
}

/** The fields of every source's contribution that provenance is made of. */
interface Answered {
  source: SourceProvenance['source'];
  status: ContributionStatus;
  dataVersion?: string | null;
  answeredAt?: string | null;
}

type Root = { scope: string } & Record<string, unknown>;
type Contributions<T> = (root: Root) => T[];

/** The provenance of a consolidated answer: per source, its status, data version and answer time. */
export function provenanceOf(contributions: readonly Answered[]): SourceProvenance[] {
  return contributions.map((c) => ({
    source: c.source,
    status: c.status,
    dataVersion: c.status === ContributionStatus.OK ? (c.dataVersion ?? null) : null,
    answeredAt: c.status === ContributionStatus.OK ? (c.answeredAt ?? null) : null,
  }));
}

/**
 * Declares the `provenance` field of a view (requiring every source's contribution, like the
 * other consolidated fields): which data version of each source the answer comes from and when
 * it answered. Every consolidated view has it; what it says is never finer than the view itself.
 */
export function addProvenanceField(target: { prototype: object }, requires: string): void {
  Field(() => [SourceProvenance], {
    description: 'Per source: the data version the answer was read at and when it answered (null where it did not read)',
  })(target.prototype, 'provenance');
  Directive(requires)(target.prototype, 'provenance');
}

/**
 * Declares the provenance fields of the statistics view: `provenance`, and which entities have
 * submitted the period (publication granularity: an entity and a quarter, no count).
 */
export function addStatisticsProvenanceFields(target: { prototype: object }, requires: string): void {
  addProvenanceField(target, requires);
  const field = (name: string, type: () => Function | [Function], description: string) => {
    Field(type, { description })(target.prototype, name);
    Directive(requires)(target.prototype, name);
  };
  field(
    'submissions',
    () => [EntitySubmission],
    'Per entity reached and quarter of the period: whether the entity has closed (submitted) it; empty when the period is unbounded',
  );
  field(
    'unsubmittedEntities',
    () => [UnsubmittedEntity],
    'Entities whose figures for the period are not final: they have not closed every quarter of it',
  );
}

/** The resolver of a view's `provenance` field, from the sources' contributions. */
export function provenanceResolver(view: Function, contributions: Contributions<Answered>): Function {
  @Resolver(() => view)
  class ProvenanceResolver {
    @FieldResolver(() => [SourceProvenance])
    provenance(@Root() root: Root): SourceProvenance[] {
      return provenanceOf(contributions(root));
    }
  }
  Object.defineProperty(ProvenanceResolver, 'name', { value: `${view.name}ProvenanceResolver` });
  return ProvenanceResolver;
}

/** The resolvers of the statistics view's submission fields, from the sources' contributions. */
export function submissionsResolver(view: Function, contributions: Contributions<SourceStatistics>): Function {
  @Resolver(() => view)
  class StatisticsSubmissionsResolver {
    @FieldResolver(() => [EntitySubmission])
    submissions(@Root() root: Root): EntitySubmission[] {
      return contributions(root).flatMap((c) => c.submissions ?? []);
    }
    @FieldResolver(() => [UnsubmittedEntity])
    unsubmittedEntities(@Root() root: Root): UnsubmittedEntity[] {
      return unsubmitted(contributions(root).flatMap((c) => c.submissions ?? []));
    }
  }
  return StatisticsSubmissionsResolver;
}
