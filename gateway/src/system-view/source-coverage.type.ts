import { Field, ObjectType } from 'type-graphql';
import { ContributionStatus, Source } from '@psea/contract';

@ObjectType({ description: 'How one source answered its part of a system-wide request' })
export class SourceCoverage {
  @Field(() => Source) source!: Source;
  @Field(() => ContributionStatus) status!: ContributionStatus;
}
