import { Directive, Field, ObjectType } from 'type-graphql';
import { ContributionStatus, Source } from '../enums';
import { Allegation } from './allegation.type';
import { AllegationCounts } from './allegation-counts.type';
import { StatisticsRow } from './statistics-row.type';

@ObjectType({ description: "One source's statistics for a system-wide request" })
@Directive('@shareable')
export class SourceStatistics {
  @Field(() => Source) source!: Source;
  @Field(() => ContributionStatus) status!: ContributionStatus;
  @Field(() => AllegationCounts, { nullable: true, description: 'Null unless status is OK' })
  total?: AllegationCounts | null;
  @Field(() => [StatisticsRow], { nullable: true, description: 'Null unless status is OK' })
  rows?: StatisticsRow[] | null;
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
}

@ObjectType({ description: "One source's answer to a lookup by id" })
@Directive('@shareable')
export class SourceLookup {
  @Field(() => Source) source!: Source;
  @Field(() => ContributionStatus) status!: ContributionStatus;
  @Field(() => [Allegation], { nullable: true }) items?: Allegation[] | null;
}
