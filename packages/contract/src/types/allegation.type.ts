import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import {
  AllegationType,
  Assistance,
  EntityKind,
  FinalAction,
  InterimAction,
  InvestigatingEntity,
  InvestigationStatus,
  PaternityStatus,
  PersonnelCategory,
  Source,
} from '../enums';
import { MemberStateReferral } from './member-state-referral.type';
import { VictimCounts } from './victim-counts.type';

@ObjectType({
  description:
    'One allegation in the minimised common form. Names, identity documents, narratives and ' +
    'locations finer than the entity are not part of it, so no query can reach them.',
})
@Directive('@shareable')
export class Allegation {
  @Field(() => ID, { description: "Global id: '<source>:<number>', e.g. 'peacekeeping:42'" })
  id!: string;
  @Field(() => Source) source!: Source;
  @Field(() => String, { description: "The entity's own reference, unique within the source" })
  reference!: string;
  @Field(() => String) entity!: string;
  @Field(() => EntityKind) entityKind!: EntityKind;
  @Field(() => String, { description: "Month the report was received, 'YYYY-MM'" })
  reportedMonth!: string;
  @Field(() => String, { nullable: true, description: "'YYYY' or 'YYYY-MM'; null when unknown" })
  incidentPeriod?: string | null;
  @Field(() => AllegationType) allegationType!: AllegationType;
  @Field(() => PersonnelCategory) personnelCategory!: PersonnelCategory;
  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-3, uniformed personnel only' })
  nationality?: string | null;
  @Field(() => Int, { nullable: true, description: 'Number of alleged perpetrators; null when unknown' })
  perpetrators?: number | null;
  @Field(() => Int, { description: 'Alleged perpetrators known to be men' }) perpetratorsMen!: number;
  @Field(() => Int, { description: 'Alleged perpetrators known to be women' }) perpetratorsWomen!: number;
  @Field(() => VictimCounts) victims!: VictimCounts;
  @Field(() => [InvestigatingEntity], {
    description:
      'Every entity investigating the allegation: empty when none is assigned yet, two or more for a joint investigation (e.g. TCC with OIOS)',
  })
  investigatingEntities!: InvestigatingEntity[];
  @Field(() => InvestigationStatus) investigationStatus!: InvestigationStatus;
  @Field(() => Int, { nullable: true, description: 'Duration of a completed investigation, in days' })
  investigationDays?: number | null;
  @Field(() => String, { nullable: true, description: "Month the investigation started, 'YYYY-MM'" })
  investigationStartedMonth?: string | null;
  @Field(() => String, { nullable: true, description: "Month the investigation was completed, 'YYYY-MM'" })
  investigationCompletedMonth?: string | null;
  @Field(() => [InterimAction]) interimActions!: InterimAction[];
  @Field(() => [FinalAction], { description: 'Final actions taken by the UN' }) finalActions!: FinalAction[];
  @Field(() => [FinalAction], { description: 'Final actions taken by the Member State' })
  memberStateActions!: FinalAction[];
  @Field(() => MemberStateReferral, { nullable: true, description: 'Null when not referred to a Member State for action' })
  memberStateReferral?: MemberStateReferral | null;
  @Field(() => PaternityStatus) paternity!: PaternityStatus;
  @Field(() => [Assistance]) assistance!: Assistance[];
  @Field(() => Boolean, { description: 'Referred to a Member State for criminal accountability' })
  criminalReferral!: boolean;
  @Field(() => Boolean, { description: 'True for synthetic reference records, which are not real cases' })
  synthetic!: boolean;
}
