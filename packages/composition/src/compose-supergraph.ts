import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { OperatorError } from '@psea/contract';

export interface SubgraphSdl {
  readonly name: string;
  readonly url: string;
  readonly sdl: string;
}

/** Composition failed: the messages are @apollo/composition's own, one per problem. */
export class CompositionError extends OperatorError {
  constructor(readonly messages: string[]) {
    super(`supergraph composition failed:\n${messages.map((m) => `  - ${m}`).join('\n')}`);
  }
}

/** Composes the supergraph, or throws CompositionError with every composition message. */
export function composeSupergraph(subgraphs: readonly SubgraphSdl[]): string {
  const result = composeServices(subgraphs.map((s) => ({ name: s.name, url: s.url, typeDefs: parse(s.sdl) })));
  if (result.errors) throw new CompositionError(result.errors.map((e) => e.message));
  return result.supergraphSdl;
}
