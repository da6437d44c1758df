import { Source } from '@psea/contract';
import { buildSourceSchema } from '@psea/subgraph-kit';
import { localSdl } from '@psea/composition';

/**
 * The SDL the kit produces for a contributor field: what the contract expects of any source.
 * Run in its own process (type-graphql keeps one schema's metadata per process).
 */
export async function referenceSdl(contributorField: string): Promise<string> {
  const anySource = Object.values(Source)[0] as Source;
  return localSdl(await buildSourceSchema({ source: anySource, contributorField }, ''));
}
