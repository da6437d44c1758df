import { Field, InputType, Int } from 'type-graphql';
import { AllegationType, InvestigationStatus, PersonnelCategory, Source } from '../enums';

@InputType('AllegationFilter', {
  description:
    'Which allegations to include. Give at most one period: a year, a quarter, or a month range. ' +
    'Lists must not be empty; omit a list to include every value.',
})
export class AllegationFilterInput {
  @Field(() => Int, { nullable: true, description: 'Calendar year the report was received, e.g. 2016' })
  year?: number | null;

  @Field(() => String, { nullable: true, description: "Quarter the report was received, e.g. '2016Q3'" })
  quarter?: string | null;

  @Field(() => String, { nullable: true, description: "First month included, 'YYYY-MM'" })
  fromMonth?: string | null;

  @Field(() => String, { nullable: true, description: "Last month included, 'YYYY-MM'" })
  toMonth?: string | null;

  @Field(() => [Source], { nullable: true })
  sources?: Source[] | null;

  @Field(() => [String], { nullable: true, description: "Entity codes, e.g. 'MINUSCA'" })
  entities?: string[] | null;

  @Field(() => [AllegationType], { nullable: true })
  allegationTypes?: AllegationType[] | null;

  @Field(() => [PersonnelCategory], { nullable: true })
  personnelCategories?: PersonnelCategory[] | null;

  @Field(() => [String], { nullable: true, description: 'ISO 3166-1 alpha-3 codes of uniformed personnel' })
  nationalities?: string[] | null;

  @Field(() => [InvestigationStatus], { nullable: true })
  investigationStatuses?: InvestigationStatus[] | null;

  @Field(() => Boolean, { nullable: true, description: 'Only allegations with at least one victim under 18' })
  involvingMinors?: boolean | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'Only allegations referred to a Member State that has not responded for more than this many days ' +
      '(from the month it was notified to today): the Coordinator follow-up list. Finer than publication granularity.',
  })
  awaitingMemberStateResponseDays?: number | null;
}
