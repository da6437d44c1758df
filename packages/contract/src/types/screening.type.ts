import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { AllegationType, ContributionStatus, FinalAction, InvestigationStatus, Source } from '../enums';

@ObjectType({ description: 'An allegation recorded against a screened person: nothing more than this' })
@Directive('@shareable')
export class ScreeningMatch {
  @Field(() => Source) source!: Source;
  @Field(() => String) entity!: string;
  @Field(() => Int, { description: 'Year the report was received' }) year!: number;
  @Field(() => AllegationType) allegationType!: AllegationType;
  @Field(() => InvestigationStatus) investigationStatus!: InvestigationStatus;
  @Field(() => [FinalAction]) finalActions!: FinalAction[];
}

@ObjectType({ description: "One source's screening answer" })
@Directive('@shareable')
export class SourceScreening {
  @Field(() => Source) source!: Source;
  @Field(() => ContributionStatus) status!: ContributionStatus;
  @Field(() => [ScreeningMatch], { nullable: true }) matches?: ScreeningMatch[] | null;
}

@ObjectType({ description: 'Case-level reads and screenings recorded in one audit log' })
@Directive('@shareable')
export class AuditRow {
  @Field(() => String, { description: "'page', 'lookup' or 'screening'" }) operation!: string;
  @Field(() => String) role!: string;
  @Field(() => Int, { description: 'Requests recorded' }) requests!: number;
  @Field(() => Int, { description: 'Records returned by them' }) records!: number;
}

@ObjectType({ description: "One source's audit summary" })
@Directive('@shareable')
export class SourceAudit {
  @Field(() => Source) source!: Source;
  @Field(() => ContributionStatus) status!: ContributionStatus;
  @Field(() => [AuditRow], { nullable: true }) rows?: AuditRow[] | null;
}
