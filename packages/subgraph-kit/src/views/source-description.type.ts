import { Directive, Field, ObjectType } from 'type-graphql';
import { PersonnelCategory, Source } from '@psea/contract';

@ObjectType({ description: 'What a source publishes: its entities and categories of personnel' })
@Directive('@shareable')
export class SourceDescription {
  @Field(() => Source) source!: Source;
  @Field(() => String, { description: "Name used in configuration and ids, e.g. 'non-un-forces'" }) name!: string;
  @Field(() => [String]) entities!: string[];
  @Field(() => [PersonnelCategory]) personnelCategories!: PersonnelCategory[];
  @Field(() => String) dataNotice!: string;
}
