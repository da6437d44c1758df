import { Directive, Field, ObjectType } from 'type-graphql';
import { MemberStateResponse } from '../enums';

@ObjectType({
  description:
    'Referral of an allegation to the Member State for action, and its follow-up. A fact of its ' +
    'own: the allegation keeps its investigation status. Only months leave a source.',
})
@Directive('@shareable')
export class MemberStateReferral {
  @Field(() => String, { nullable: true, description: "Month the UN notified the State, 'YYYY-MM'; null when not recorded" })
  notifiedMonth?: string | null;
  @Field(() => Boolean, { description: 'The UN asked the State to appoint a national investigation officer' })
  nioRequested!: boolean;
  @Field(() => Boolean, { description: 'The State appointed a national investigation officer' })
  nioAppointed!: boolean;
  @Field(() => MemberStateResponse) response!: MemberStateResponse;
  @Field(() => String, { nullable: true, description: "Month of the State's last response, 'YYYY-MM'" })
  lastResponseMonth?: string | null;
}
