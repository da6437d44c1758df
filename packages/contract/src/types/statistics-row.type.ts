import { Directive, Field, Int, ObjectType } from 'type-graphql';
import {
  ActionActor,
  AllegationType,
  HeadlineLine,
  IncidentYear,
  MemberStateResponse,
  FinalAction,
  InterimAction,
  InvestigatingEntity,
  InvestigationStatus,
  PaternityStatus,
  PersonnelCategory,
  Source,
} from '../enums';
import { AllegationCounts } from './allegation-counts.type';

@ObjectType({ description: 'The values of the grouping dimensions for one row; dimensions not grouped by are null' })
@Directive('@shareable')
export class StatisticsKey {
  @Field(() => Source, { nullable: true }) source?: Source | null;
  @Field(() => String, { nullable: true }) entity?: string | null;
  @Field(() => Int, { nullable: true }) year?: number | null;
  @Field(() => String, { nullable: true, description: "'YYYYQn'" }) quarter?: string | null;
  @Field(() => String, { nullable: true, description: "'YYYY-MM'" }) month?: string | null;
  @Field(() => AllegationType, { nullable: true }) allegationType?: AllegationType | null;
  @Field(() => PersonnelCategory, { nullable: true }) personnelCategory?: PersonnelCategory | null;
  @Field(() => String, {
    nullable: true,
    description: 'ISO 3166-1 alpha-3; null for civilians, whose nationality is not published',
  })
  nationality?: string | null;
  @Field(() => InvestigationStatus, { nullable: true }) investigationStatus?: InvestigationStatus | null;
  @Field(() => InvestigatingEntity, {
    nullable: true,
    description: 'A joint investigation counts under each of its entities: these rows count allegation-entity pairs',
  })
  investigatingEntity?: InvestigatingEntity | null;
  @Field(() => PaternityStatus, { nullable: true }) paternity?: PaternityStatus | null;
  @Field(() => InterimAction, { nullable: true, description: 'Null: no interim action (when grouped by it)' })
  interimAction?: InterimAction | null;
  @Field(() => FinalAction, { nullable: true, description: 'Null: no final action (when grouped by it)' })
  finalAction?: FinalAction | null;
  @Field(() => MemberStateResponse, { nullable: true, description: 'Null: not referred (when grouped by it)' })
  memberStateResponse?: MemberStateResponse | null;
  @Field(() => ActionActor, { nullable: true, description: 'Null: no final action (when grouped by it)' })
  actionActor?: ActionActor | null;
  @Field(() => IncidentYear, { nullable: true }) incidentYear?: IncidentYear | null;
  @Field(() => HeadlineLine, { nullable: true }) headlineLine?: HeadlineLine | null;
}

@ObjectType()
@Directive('@shareable')
export class StatisticsRow {
  @Field(() => StatisticsKey) key!: StatisticsKey;
  @Field(() => AllegationCounts) counts!: AllegationCounts;
}
