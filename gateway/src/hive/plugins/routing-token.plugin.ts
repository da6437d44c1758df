import type { GatewayPlugin } from '@graphql-hive/gateway';
import type { Caller } from '@psea/contract';
import { RequestSpan, formatTraceparent } from '@psea/service';
import type { CallSpans } from './call-spans';

export interface RoutingTokenOptions {
  /** The audience of each subgraph, by the URL the router calls it at. */
  readonly audienceByUrl: ReadonlyMap<string, string>;
  /** The routing tier's signer (packages/auth gateway-token), the one the Apollo gateway uses. */
  readonly sign: (audience: string, caller: Caller | 'gateway') => Promise<string>;
  /** The calls' client spans, continued by each call's W3C `traceparent`. */
  readonly spans?: CallSpans;
}

/**
 * Every call Hive Gateway makes to a subgraph carries a short-lived token the routing tier signs
 * for that subgraph with the caller's claims; whatever authorization the client sent is replaced,
 * so a caller's own token never reaches a source or the system view. A URL that is no known
 * subgraph gets no token at all (nor the trace). Each call also carries the W3C `traceparent` of
 * its client span (the request's span for the system view), so a source's spans and logs join the
 * caller's trace as they do behind the Apollo gateway.
 */
export function useRoutingToken(options: RoutingTokenOptions): GatewayPlugin<{ caller?: Caller; span?: RequestSpan }> {
  return {
    async onFetch({ url, options: init, setOptions, context, executionRequest }) {
      const audience = options.audienceByUrl.get(url);
      if (!audience) return;
      const caller = 'caller' in context ? context.caller : undefined;
      const token = await options.sign(audience, caller ?? 'gateway');
      const headers = new Headers(init.headers as Record<string, string> | undefined);
      headers.set('authorization', `Bearer ${token}`);
      const requestSpan = 'span' in context ? context.span : undefined;
      const parent = options.spans ? options.spans.parentOf(executionRequest, requestSpan) : requestSpan;
      if (parent) headers.set('traceparent', formatTraceparent(parent));
      else headers.delete('traceparent');
      setOptions({ ...init, headers: Object.fromEntries(headers.entries()) });
    },
  };
}
