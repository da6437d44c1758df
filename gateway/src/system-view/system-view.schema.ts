import type { GraphQLSchema } from 'graphql';
import type { SourceRegistration } from '@psea/contract';
import { buildFederatedSchema } from '@psea/subgraph-kit';
import { systemViewResolvers } from './system-view.resolvers';
import type { SystemViewContext, SystemViewOptions } from './system-view-context';

/**
 * The stateless system-view subgraph: it owns the root fields of the system-wide view and
 * consolidates what the sources contribute. It holds no record. One per process (type-graphql
 * keeps its metadata globally).
 */
export function buildSystemViewSchema(
  sources: readonly SourceRegistration[],
  options: SystemViewOptions,
): Promise<GraphQLSchema> {
  const { resolvers, referenceResolvers } = systemViewResolvers(sources, options);
  return buildFederatedSchema<SystemViewContext>({ resolvers, referenceResolvers });
}
