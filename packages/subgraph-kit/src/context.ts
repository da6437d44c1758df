import type { GatewayPrincipal } from '@psea/auth';
import type { Caller } from '@psea/contract';
import type { Logger } from '@psea/service';
import type { ContributionLoaders } from './loaders';

/** What every resolver of an entity subgraph gets for one request. */
export interface SubgraphContext {
  readonly requestId: string;
  readonly logger: Logger;
  /** Who the gateway says is asking (absent when the gateway itself asks, e.g. for the SDL). */
  readonly caller: Caller | undefined;
  readonly principal: GatewayPrincipal;
  readonly loaders: ContributionLoaders;
}
