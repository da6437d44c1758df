import { Directive, Field, ObjectType } from 'type-graphql';
import { ContributionStatus, Source } from '../enums';
import { Allegation } from './allegation.type';
import { AllegationCounts } from './allegation-counts.type';
import { StatisticsRow } from './statistics-row.type';
import { EntitySubmission } from './provenance.type';

@ObjectType({ description: "One source's statistics for a system-wide request" })
@Directive('@shareable')
export class SourceStatistics {
  @Field(() => Source) source!: Source;
  @Field(() => ContributionStatus) status!: ContributionStatus;
  @Field(() => AllegationCounts, { nullable: true, description: 'Null unless status is OK' })
  total?: AllegationCounts | null;
  @Field(() => [StatisticsRow], { nullable: true, description: 'Null unless status is OK' })
  rows?: StatisticsRow[] | null;
  @Field(() => String, { nullable: true, description: 'The data version the figures come from; null unless status is OK' })
  dataVersion?: string | null;
  @Field(() => String, { nullable: true, description: 'When the source answered (ISO time); null unless status is OK' })
  answeredAt?: string | null;
  @Field(() => [EntitySubmission], {
    nullable: true,
    description: "Each of the source's entities in the request, for each quarter of its period: closed or not",
  })
  submissions?: EntitySubmission[] | null;
}

@ObjectType({ description: "One source's case page for a system-wide request" })
@Directive('@shareable')
export class SourcePage {
  @Field(() => Source) source!: Source;
  @Field(() => ContributionStatus) status!: ContributionStatus;
  @Field(() => [Allegation], { nullable: true, description: 'Null unless status is OK' })
  items?: Allegation[] | null;
  @Field(() => Boolean, { nullable: true }) hasNextPage?: boolean | null;
  @Field(() => String, { nullable: true, description: "Cursor after this source's last item" })
  endCursor?: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'The data version the answer was read at; null unless status is OK and the source read its data',
  })
  dataVersion?: string | null;
  @Field(() => String, { nullable: true, description: 'When the source answered (ISO time); null unless status is OK' })
  answeredAt?: string | null;
}

@ObjectType({ description: "One source's answer to a lookup by id" })
@Directive('@shareable')
export class SourceLookup {
  @Field(() => Source) source!: Source;
  @Field(() => ContributionStatus) status!: ContributionStatus;
  @Field(() => [Allegation], { nullable: true }) items?: Allegation[] | null;
  @Field(() => String, {
    nullable: true,
    description: 'The data version the answer was read at; null unless status is OK and the source read its data',
  })
  dataVersion?: string | null;
  @Field(() => String, { nullable: true, description: 'When the source answered (ISO time); null unless status is OK' })
  answeredAt?: string | null;
}
