import { Ctx, Directive, Field, FieldResolver, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { ENTITIES, SOURCE_CATEGORIES, Source, VIEWS, ViewDescription, sourceSlug } from '@psea/contract';
import type { SubgraphContext } from '../context';
import type { ReferenceResolvers } from '../federation';
import { SourceDescription } from './source-description.type';

interface ViewReference {
  scope: string;
}

function loaderFor(view: ViewDescription, context: SubgraphContext, scope: string): Promise<unknown> {
  switch (view.kind) {
    case 'statistics':
      return context.loaders.statistics.load(scope);
    case 'page':
      return context.loaders.page.load(scope);
    case 'lookup':
      return context.loaders.lookup.load(scope);
  }
}

/**
 * The part of each federated view that a source contributes: one field named after the source
 * (`peacekeeping`, `agencies`, ...) on every view entity, resolved from `scope` in SQL.
 */
function contributorView(view: ViewDescription, field: string): { type: Function; resolver: Function } {
  @ObjectType(view.typeName)
  @Directive('@key(fields: "scope")')
  class ViewEntity {
    @Field(() => String, { description: 'Canonical, versioned encoding of the request' })
    scope!: string;
  }

  @Resolver(() => ViewEntity)
  class ContributionResolver {
    @FieldResolver(() => view.contribution, { name: field })
    contribution(@Root() root: ViewReference, @Ctx() context: SubgraphContext): Promise<unknown> {
      return loaderFor(view, context, root.scope);
    }
  }
  return { type: ViewEntity, resolver: ContributionResolver };
}

/** The resolvers and reference resolvers of a source's contributions. */
export function contributorResolvers(
  source: Source,
  field: string,
  dataNotice: string,
): {
  resolvers: [Function, ...Function[]];
  orphanedTypes: Function[];
  referenceResolvers: ReferenceResolvers<SubgraphContext>;
} {
  @Resolver()
  class SourceDescriptionResolver {
    @Query(() => SourceDescription, { name: `${field}Source`, description: `What the ${sourceSlug(source)} source publishes` })
    describe(): SourceDescription {
      return {
        source,
        name: sourceSlug(source),
        entities: ENTITIES.filter((e) => e.source === source).map((e) => e.code),
        personnelCategories: [...SOURCE_CATEGORIES[source]],
        dataNotice,
      };
    }
  }
  const referenceResolvers: ReferenceResolvers<SubgraphContext> = {};
  for (const view of VIEWS) {
    referenceResolvers[view.typeName] = {
      __resolveReference: (reference: ViewReference): ViewReference => ({ scope: reference.scope }),
    };
  }
  const views = VIEWS.map((view) => contributorView(view, field));
  return {
    resolvers: [SourceDescriptionResolver, ...views.map((v) => v.resolver)],
    orphanedTypes: views.map((v) => v.type),
    referenceResolvers,
  };
}
