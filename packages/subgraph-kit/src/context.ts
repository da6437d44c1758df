import type { Logger } from './logger';
import type { ContributionLoaders } from './loaders';

/** What every resolver of an entity subgraph gets for one request. */
export interface SubgraphContext {
  readonly requestId: string;
  readonly logger: Logger;
  readonly loaders: ContributionLoaders;
}
