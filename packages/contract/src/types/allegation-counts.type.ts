import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { Timeliness } from './timeliness.type';
import { VictimCounts } from './victim-counts.type';

@ObjectType({ description: 'What is counted for a set of allegations' })
@Directive('@shareable')
export class AllegationCounts {
  @Field(() => Int, { description: 'One allegation per category of personnel and contributing country involved' })
  allegations!: number;

  @Field(() => VictimCounts)
  victims!: VictimCounts;

  @Field(() => Int, { description: 'Allegations with at least one victim under 18' })
  allegationsInvolvingMinors!: number;

  @Field(() => Int, { description: 'Alleged perpetrators, summed where their number is known' })
  perpetrators!: number;

  @Field(() => Int, { description: 'Alleged perpetrators known to be men' })
  perpetratorsMen!: number;

  @Field(() => Int, { description: 'Alleged perpetrators known to be women' })
  perpetratorsWomen!: number;

  @Field(() => Int, { description: 'Alleged perpetrators whose sex is unknown (of those whose number is known)' })
  perpetratorsUnknownSex!: number;

  @Field(() => Int, { description: 'Allegations whose number of alleged perpetrators is unknown' })
  allegationsWithUnknownPerpetrators!: number;

  @Field(() => Int, { description: 'Allegations referred to the Member State for action (on top of their status)' })
  allegationsReferredToMemberState!: number;

  @Field(() => Timeliness)
  timeliness!: Timeliness;

  @Field(() => Int, { description: 'Allegations that are synthetic reference records, not real cases' })
  syntheticAllegations!: number;
}
