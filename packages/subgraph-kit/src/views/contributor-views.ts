import { Authorized, Ctx, Directive, Field, FieldResolver, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { ENTITIES, Operation, SOURCE_CATEGORIES, Source, VIEWS, ViewDescription, sourceSlug } from '@psea/contract';
import type { SubgraphContext } from '../context';
import type { ReferenceResolvers } from '../federation';
import { SourceDescription } from './source-description.type';

interface ViewReference {
  scope: string;
}

/** Which permission each view asks for. */
const OPERATION: Readonly<Record<ViewDescription['kind'], Operation>> = {
  statistics: 'statistics',
  page: 'cases',
  lookup: 'cases',
  screening: 'screening',
  audit: 'audit',
};

/**
 * A source's contribution to a view: as it was answered (after the disclosure policy), or, for
 * a view carried compactly, encoded by the contract's codec, so the gateway and the system view
 * handle one string instead of a table's thousands of objects.
 */
async function load(view: ViewDescription, context: SubgraphContext, scope: string): Promise<unknown> {
  const contribution = await context.loaders[view.kind].load(scope);
  return view.compact ? view.compact.encode(contribution as never) : contribution;
}

/**
 * The part of each federated view that a source contributes: one field named after the source
 * (`peacekeeping`, `agencies`, ...) on every view entity, resolved from `scope` in SQL. The field
 * is @inaccessible: it is plumbing between the gateway and the source, and what a client sees
 * of it is decided by the system view (per role, with small cells withheld).
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
    @FieldResolver(() => (view.compact ? String : view.contribution), { name: field })
    @Authorized(OPERATION[view.kind])
    @Directive('@inaccessible')
    contribution(@Root() root: ViewReference, @Ctx() context: SubgraphContext): Promise<unknown> {
      return load(view, context, root.scope);
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
