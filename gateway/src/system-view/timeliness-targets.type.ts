import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType('TimelinessTargets', {
  description:
    "The targets this answer's timeliness counts against: the deployment's (TIMELINESS_TARGET_DAYS, " +
    "TIMELINESS_URGENT_TARGET_DAYS), by default the UN's six months and three for urgent cases (involving a minor)",
})
export class TimelinessTargetsType {
  @Field(() => Int, { description: 'Target for every investigation, in days' }) days!: number;
  @Field(() => Int, { description: 'Target for urgent cases (involving a minor), in days' }) urgentDays!: number;
}
