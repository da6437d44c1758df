import { buildSchema, Query, Resolver } from 'type-graphql';
import {
  GraphQLObjectType,
  GraphQLSchema,
  getNamedType,
  isObjectType,
  parse,
  OperationDefinitionNode,
  SelectionSetNode,
} from 'graphql';
import { VIEWS } from '../views';
import { SourceLookup, SourcePage, SourceStatistics } from '../types/contributions.type';
import { SourceAudit, SourceScreening } from '../types/screening.type';

@Resolver()
class ProbeResolver {
  @Query(() => SourceStatistics, { nullable: true }) statistics(): null {
    return null;
  }
  @Query(() => SourcePage, { nullable: true }) page(): null {
    return null;
  }
  @Query(() => SourceLookup, { nullable: true }) lookup(): null {
    return null;
  }
  @Query(() => SourceScreening, { nullable: true }) screening(): null {
    return null;
  }
  @Query(() => SourceAudit, { nullable: true }) audit(): null {
    return null;
  }
}

/** Every field path of a type, e.g. 'total.victims.women'. */
function typePaths(type: GraphQLObjectType, prefix = ''): string[] {
  return Object.values(type.getFields()).flatMap((field) => {
    const named = getNamedType(field.type);
    const path = `${prefix}${field.name}`;
    return isObjectType(named) ? typePaths(named, `${path}.`) : [path];
  });
}

function selectionPaths(set: SelectionSetNode, prefix = ''): string[] {
  return set.selections.flatMap((s) => {
    if (s.kind !== 'Field') return [];
    const path = `${prefix}${s.name.value}`;
    return s.selectionSet ? selectionPaths(s.selectionSet, `${path}.`) : [path];
  });
}

describe('@requires selections', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildSchema({ resolvers: [ProbeResolver], validate: false });
  });

  it.each(VIEWS.map((v) => [v.typeName, v]))('name every field of the %s contribution', (_name, view) => {
    const type = schema.getType(view.contributionTypeName) as GraphQLObjectType;
    const operation = parse(`{ ${view.selection} }`).definitions[0] as OperationDefinitionNode;
    expect(selectionPaths(operation.selectionSet).sort()).toEqual(typePaths(type).sort());
  });
});
