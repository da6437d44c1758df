import { buildSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { GraphQLSchema, parse } from 'graphql';
import { AuthChecker, NonEmptyArray, buildSchema, createResolversMap } from 'type-graphql';
import { plainFields } from './plain-fields';

/** The Federation version and directives every schema of the hub links. */
export const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", ' +
  'import: ["@key", "@shareable", "@external", "@requires", "@inaccessible", "@tag"])';

/** Resolvers by type and field name, as graphql-tools and Apollo take them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ResolverFunction<TContext> = (parent: any, argsOrContext: any, context: TContext, info: any) => unknown;
export type ReferenceResolvers<TContext> = Record<string, Record<string, ResolverFunction<TContext> | unknown>>;

export interface FederatedSchemaOptions<TContext extends object> {
  // type-graphql takes resolver classes as Function values.

  readonly resolvers: NonEmptyArray<Function>;

  readonly orphanedTypes?: Function[];
  /** `__resolveReference` per entity type: `_entities` calls these, bypassing root resolvers. */
  readonly referenceResolvers?: ReferenceResolvers<TContext>;
  /** Decides `@Authorized(...)` fields; throws the error the caller should see. */
  readonly authChecker?: AuthChecker<TContext>;
}

/**
 * The one way the hub builds a federated schema from type-graphql classes: build, print with
 * directives, link Federation 2, and merge the reference resolvers into type-graphql's (less
 * those of plain properties, which graphql-js resolves alike).
 */
export async function buildFederatedSchema<TContext extends object>(
  options: FederatedSchemaOptions<TContext>,
): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: options.resolvers,
    orphanedTypes: options.orphanedTypes ?? [],
    skipCheck: true,
    validate: false,
    ...(options.authChecker ? { authChecker: options.authChecker, authMode: 'error' as const } : {}),
  });
  const typeDefs = parse(`${FEDERATION_LINK}\n${printSchemaWithDirectives(schema)}`);
  const resolvers = createResolversMap(schema) as ReferenceResolvers<TContext>;
  // Plain properties are left to graphql-js's default resolver: the same value, without
  // type-graphql's per-field wrapper (plain-fields.ts).
  const plain = plainFields();
  for (const [typeName, fields] of Object.entries(resolvers)) {
    for (const fieldName of Object.keys(fields)) if (plain.has(`${typeName}.${fieldName}`)) delete fields[fieldName];
  }
  for (const [typeName, fields] of Object.entries(options.referenceResolvers ?? {})) {
    resolvers[typeName] = { ...resolvers[typeName], ...fields };
  }
  return buildSubgraphSchema([{ typeDefs, resolvers: resolvers as never }]);
}
