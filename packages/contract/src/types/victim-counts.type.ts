import { Directive, Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'Victims counted by sex and age group; nothing else about a victim is ever published' })
@Directive('@shareable')
export class VictimCounts {
  @Field(() => Int) women!: number;
  @Field(() => Int, { description: 'Girls under 18' }) girls!: number;
  @Field(() => Int) femaleUnknownAge!: number;
  @Field(() => Int) men!: number;
  @Field(() => Int, { description: 'Boys under 18' }) boys!: number;
  @Field(() => Int) maleUnknownAge!: number;
  @Field(() => Int, { description: 'Sex and age unknown' }) unknown!: number;
  @Field(() => Int) total!: number;
  @Field(() => Int, { description: 'Girls and boys: victims known to be under 18' }) minors!: number;
}
