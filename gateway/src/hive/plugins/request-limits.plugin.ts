import { EnvelopArmor } from '@escape.tech/graphql-armor';
import type { GatewayPlugin } from '@graphql-hive/gateway';
import { GraphQLError, NoSchemaIntrospectionCustomRule } from 'graphql';
import type { GatewayConfig } from '../../config';
import { oneScreeningPerRequest } from '../../limits/one-screening-per-request';
import { armorOptions } from '../../limits/armor-options';

/**
 * The request limits the Apollo gateway enforces, with the same modules: graphql-armor's depth,
 * alias, cost, token and directive limits, one screening per operation, and in production no
 * introspection. Every rule's error is tagged as a validation failure so the gateway's one error
 * formatter gives it the same code under either engine.
 */
export function requestLimitPlugins(config: Pick<GatewayConfig, 'limits' | 'production'>): GatewayPlugin[] {
  const armor = new EnvelopArmor(armorOptions(config)).protect();
  const rules = [oneScreeningPerRequest, ...(config.production ? [NoSchemaIntrospectionCustomRule] : [])];
  return [
    ...(armor.plugins as GatewayPlugin[]),
    {
      onValidate({ addValidationRule }) {
        rules.forEach((rule) => addValidationRule(rule));
        return ({ result, setResult }) => {
          if (result.length) setResult(result.map((error) => asValidationFailure(error as GraphQLError)));
        };
      },
      onParse() {
        return ({ result, replaceParseResult }) => {
          if (result instanceof GraphQLError) replaceParseResult(asValidationFailure(result, 'GRAPHQL_PARSE_FAILED'));
        };
      },
    },
  ];
}

function asValidationFailure(error: GraphQLError, code = 'GRAPHQL_VALIDATION_FAILED'): GraphQLError {
  if (error.extensions?.['code']) return error;
  return new GraphQLError(error.message, {
    nodes: error.nodes ?? null,
    source: error.source ?? null,
    positions: error.positions ?? null,
    extensions: { ...error.extensions, code },
  });
}
