import type { GatewayConfig } from '../config';

/**
 * graphql-armor's limits, one set for either engine (Apollo's `ApolloArmor`, Hive's
 * `EnvelopArmor`): depth, aliases, cost, tokens and directives, and no field suggestions in
 * production (they would spell out the schema to a caller who may not introspect it).
 */
export function armorOptions(config: Pick<GatewayConfig, 'limits' | 'production'>) {
  return {
    maxDepth: { n: config.limits.maxDepth },
    maxAliases: { n: config.limits.maxAliases },
    costLimit: { maxCost: config.limits.maxCost },
    maxTokens: { n: config.limits.maxTokens },
    maxDirectives: { n: 20 },
    blockFieldSuggestion: { enabled: config.production },
  };
}
