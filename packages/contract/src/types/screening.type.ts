import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { AllegationType, ContributionStatus, FinalAction, InvestigationStatus, Source } from '../enums';

@ObjectType({
  description:
    'A substantiated or still pending allegation recorded against a screened person: nothing more than this (coordinators only)',
})
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
  @Field(() => [String], {
    nullable: true,
    description: 'Entity codes holding a substantiated or pending allegation against the person: whom to contact',
  })
  contactEntities?: string[] | null;
  @Field(() => [ScreeningMatch], { nullable: true, description: 'Details of each match: for coordinators only, null otherwise' })
  matches?: ScreeningMatch[] | null;
  @Field(() => String, {
    nullable: true,
    description: 'The data version the answer was read at; null unless status is OK and the source read its data',
  })
  dataVersion?: string | null;
  @Field(() => String, { nullable: true, description: 'When the source answered (ISO time); null unless status is OK' })
  answeredAt?: string | null;
}

@ObjectType({ description: 'Case-level reads, screenings and fine-grained statistics recorded in one audit log' })
@Directive('@shareable')
export class AuditRow {
  @Field(() => String, { description: "'page', 'lookup', 'screening', or 'statistics' (finer than publication granularity)" })
  operation!: string;
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
