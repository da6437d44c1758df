import { Directive, Field, Int, ObjectType } from 'type-graphql';

@ObjectType({
  description:
    "How long investigations take, against the deployment's targets (by default the UN's: 180 days, 90 for urgent " +
    'cases, those involving minors; the gateway may configure others). Percentiles are computed from the summed histogram of every ' +
    "source: the bin's upper bound, at most 14 days above the exact nearest-rank percentile, never below.",
})
@Directive('@shareable')
export class Timeliness {
  @Field(() => Int, { description: 'Completed investigations with a known duration' })
  completedInvestigations!: number;
  @Field(() => [Int], {
    description: 'Completed investigations by duration in days, in bins of 15 days (0-14, 15-29, ...), the last 720 and over',
  })
  investigationDaysHistogram!: number[];
  @Field(() => Int, { nullable: true, description: 'Median duration in days (upper bound of its 15-day bin); null when none' })
  medianInvestigationDays?: number | null;
  @Field(() => Int, { nullable: true, description: '90th percentile of duration in days (upper bound of its 15-day bin)' })
  p90InvestigationDays?: number | null;
  @Field(() => Int, { description: 'Completed investigations that took longer than their target' })
  completedOverTarget!: number;
  @Field(() => Int, { description: 'Open allegations (preliminary assessment, under review or under investigation)' })
  openCases!: number;
  @Field(() => Int, { description: 'Open allegations received less than 90 days ago' })
  openUnder3Months!: number;
  @Field(() => Int, { description: 'Open allegations received 90 to 179 days ago' })
  open3To6Months!: number;
  @Field(() => Int, { description: 'Open allegations received 180 to 364 days ago' })
  open6To12Months!: number;
  @Field(() => Int, { description: 'Open allegations received 365 days ago or more' })
  openOver12Months!: number;
  @Field(() => Int, { description: 'Open allegations already older than their target' })
  openOverTarget!: number;
}
