import { Directive, Field, FieldResolver, ObjectType, Resolver, Root } from 'type-graphql';
import { ContributionStatus, EntitySubmission, SourceProvenance, SourceStatistics, unsubmitted } from '@psea/contract';

@ObjectType({ description: 'An entity that has not closed every quarter of the period asked about' })
export class UnsubmittedEntity {
  @Field(() => String) entity!: string;
  @Field(() => [String], { description: "The quarters it has not closed, 'YYYYQn'" }) quarters!: string[];
}

/**
 * Declares the provenance fields of the statistics view (each requiring every source's
 * contribution, like the other consolidated fields): which data version of each source the
 * figures come from and when it answered, and which entities have submitted the period.
 */
export function addProvenanceFields(target: { prototype: object }, requires: string): void {
  const field = (name: string, type: () => Function | [Function], description: string) => {
    Field(type, { description })(target.prototype, name);
    Directive(requires)(target.prototype, name);
  };
  field('provenance', () => [SourceProvenance], 'Per source: the data version the figures come from and when it answered');
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

type Contributions = (root: { scope: string } & Record<string, unknown>) => SourceStatistics[];

/** The resolvers of the provenance fields, from the sources' contributions. */
export function provenanceResolver(view: Function, contributions: Contributions): Function {
  @Resolver(() => view)
  class StatisticsProvenanceResolver {
    @FieldResolver(() => [SourceProvenance])
    provenance(@Root() root: { scope: string } & Record<string, unknown>): SourceProvenance[] {
      return contributions(root).map((c) => ({
        source: c.source,
        status: c.status,
        dataVersion: c.status === ContributionStatus.OK ? (c.dataVersion ?? null) : null,
        answeredAt: c.status === ContributionStatus.OK ? (c.answeredAt ?? null) : null,
      }));
    }
    @FieldResolver(() => [EntitySubmission])
    submissions(@Root() root: { scope: string } & Record<string, unknown>): EntitySubmission[] {
      return contributions(root).flatMap((c) => c.submissions ?? []);
    }
    @FieldResolver(() => [UnsubmittedEntity])
    unsubmittedEntities(@Root() root: { scope: string } & Record<string, unknown>): UnsubmittedEntity[] {
      return unsubmitted(contributions(root).flatMap((c) => c.submissions ?? []));
    }
  }
  return StatisticsProvenanceResolver;
}
