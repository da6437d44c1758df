import type { GatewayPlugin } from '@graphql-hive/gateway';
import type { Caller } from '@psea/contract';

export interface RoutingTokenOptions {
  /** The audience of each subgraph, by the URL the router calls it at. */
  readonly audienceByUrl: ReadonlyMap<string, string>;
  /** The routing tier's signer (packages/auth gateway-token), the one the Apollo gateway uses. */
  readonly sign: (audience: string, caller: Caller | 'gateway') => Promise<string>;
}

/**
 * Every call Hive Gateway makes to a subgraph carries a short-lived token the routing tier signs
 * for that subgraph with the caller's claims; whatever authorization the client sent is replaced,
 * so a caller's own token never reaches a source or the system view. A URL that is no known
 * subgraph gets no token at all.
 */
export function useRoutingToken(options: RoutingTokenOptions): GatewayPlugin<{ caller?: Caller }> {
  return {
    async onFetch({ url, options: init, setOptions, context }) {
      const audience = options.audienceByUrl.get(url);
      if (!audience) return;
      const caller = 'caller' in context ? context.caller : undefined;
      const token = await options.sign(audience, caller ?? 'gateway');
      const headers = new Headers(init.headers as Record<string, string> | undefined);
      headers.set('authorization', `Bearer ${token}`);
      setOptions({ ...init, headers: Object.fromEntries(headers.entries()) });
    },
  };
}
