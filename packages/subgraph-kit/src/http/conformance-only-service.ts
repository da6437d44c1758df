import type { ApolloServerPlugin } from '@apollo/server';
import { Kind } from 'graphql';
import { forbiddenService } from '@psea/contract';
import type { SubgraphContext } from '../context';

/** What a conformance token may ask a source: its SDL, and nothing that reads data. */
const CONFORMANCE_FIELDS = new Set(['_service', '__typename']);

/**
 * A conformance token (issued by the gateway's operator for `psea check-subgraph --url`) reads
 * the subgraph's SDL only: any other root field, `_entities` included, is FORBIDDEN.
 */
export const conformanceOnlyService: ApolloServerPlugin<SubgraphContext> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ contextValue, operation }) {
        if (contextValue.principal.kind !== 'conformance') return;
        const fields = (operation?.selectionSet.selections ?? []).map((s) =>
          s.kind === Kind.FIELD ? s.name.value : '(fragment)',
        );
        const refused = fields.filter((f) => !CONFORMANCE_FIELDS.has(f));
        if (refused.length || fields.length === 0) {
          throw forbiddenService(`a conformance token reads _service only, not ${refused.join(', ')}`);
        }
      },
    };
  },
};
