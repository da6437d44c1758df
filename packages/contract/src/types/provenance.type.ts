import { Directive, Field, InputType, ObjectType } from 'type-graphql';
import { ContributionStatus, Source } from '../enums';

@ObjectType({ description: "Whether an entity has closed (submitted) a quarter, as its source's database records it" })
@Directive('@shareable')
export class EntitySubmission {
  @Field(() => String) entity!: string;
  @Field(() => String, { description: "'YYYYQn'" }) quarter!: string;
  @Field(() => Boolean, { description: "True once the entity's IT team has closed the period (psea period close)" })
  closed!: boolean;
  @Field(() => String, { nullable: true, description: 'When it was last closed or reopened (ISO time); null if never' })
  changedAt?: string | null;
  @Field(() => String, { nullable: true, description: "The source's data version when it was last closed or reopened" })
  dataVersion?: string | null;
}

@ObjectType({ description: 'Where the figures of one source came from' })
@Directive('@shareable')
export class SourceProvenance {
  @Field(() => Source) source!: Source;
  @Field(() => ContributionStatus) status!: ContributionStatus;
  @Field(() => String, {
    nullable: true,
    description: "The version of the source's data the figures were computed from (changes with every write); null unless OK",
  })
  dataVersion?: string | null;
  @Field(() => String, { nullable: true, description: 'When the source answered (ISO time); null unless OK' })
  answeredAt?: string | null;
}

@InputType('SourceVersionInput', {
  description: "A source's data version, to answer as of it (an edition's manifest lists them)",
})
export class SourceVersionInput {
  @Field(() => Source) source!: Source;
  @Field(() => String, { description: 'A data version the source reported, e.g. from an edition manifest' })
  dataVersion!: string;
}
