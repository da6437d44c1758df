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

export { localSdl } from '@psea/subgraph-kit';

/**
 * Fetches a running subgraph's SDL. Errors name the subgraph, and say what failed, but not
 * its address beyond what the operator configured.
 */
export async function fetchSdl(
  name: string,
  url: string,
  timeoutMs: number,
  headers: Record<string, string> = {},
): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query: '{ _service { sdl } }' }),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw new Error(`subgraph ${name} did not answer at ${url}: ${(error as Error).message}`);
  }
  if (!response.ok) throw new Error(`subgraph ${name} answered HTTP ${response.status} at ${url}`);
  const body = (await response.json()) as { data?: { _service?: { sdl?: string } } };
  const sdl = body.data?._service?.sdl;
  if (!sdl) throw new Error(`subgraph ${name} at ${url} does not publish its SDL (_service)`);
  return sdl;
}

/** Composes the supergraph, or throws CompositionError with every composition message. */
export function composeSupergraph(subgraphs: readonly SubgraphSdl[]): string {
  const result = composeServices(subgraphs.map((s) => ({ name: s.name, url: s.url, typeDefs: parse(s.sdl) })));
  if (result.errors) throw new CompositionError(result.errors.map((e) => e.message));
  return result.supergraphSdl;
}
