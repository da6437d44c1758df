import type { Agent } from 'node:http';
import { RemoteGraphQLDataSource } from '@apollo/gateway';
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { Caller } from '@psea/contract';
import { formatTraceparent } from '@psea/service';
import type { GatewayContext } from '../gateway-context';
import { SYSTEM_VIEW } from '@psea/composition';
import { createSourceFetcher } from './source-fetcher';
import type { SourceResponse } from './source-response';

export interface SystemViewRemoteOptions {
  readonly url: string;
  readonly timeoutMs: number;
  readonly agent: Agent;
  /** Signs the routing tier's token for the system view, carrying the caller's claims. */
  readonly sign: (audience: string, caller: Caller | 'gateway') => Promise<string>;
}

/**
 * The system view run as its own service (split topology). It is called like a source, with a
 * token the gateway signs for it: the caller's own token never leaves the gateway. Unlike a
 * source's, its failure is not a missing contribution: without the system view there is no
 * answer to consolidate, so its errors stay errors of the request.
 */
export class SystemViewRemoteDataSource extends RemoteGraphQLDataSource {
  private readonly sign: SystemViewRemoteOptions['sign'];

  constructor(options: SystemViewRemoteOptions) {
    super({ url: options.url });
    this.sign = options.sign;
    // The same client as a source's: one write, the answer read whole, one timer cleared at the end.
    const post = createSourceFetcher({ agent: options.agent, timeoutMs: options.timeoutMs });
    this.fetcher = (async (url: string, init: Parameters<typeof post>[1]) => answerOfRefusal(await post(url, init))) as never;
  }

  override async willSendRequest(options: GraphQLDataSourceProcessOptions<Partial<GatewayContext>>): Promise<void> {
    const token = await this.sign(SYSTEM_VIEW, options.context.caller ?? 'gateway');
    options.request.http?.headers.set('authorization', `Bearer ${token}`);
    const span = options.context.span;
    if (span) options.request.http?.headers.set('traceparent', formatTraceparent(span));
  }
}

/**
 * A refusal by the system view (FORBIDDEN, UNAUTHENTICATED, BAD_USER_INPUT: a 4xx with a GraphQL
 * body) is its answer to the caller, to be passed on as it is. Apollo's data source would replace
 * it by "403: Forbidden" for any status but 2xx, losing the code and the message that say what
 * to change; so it is handed on as a 200 with the same body. 5xx stays a failure.
 */
export async function answerOfRefusal(response: SourceResponse): Promise<SourceResponse> {
  const json = /json/.test(response.headers.get('content-type') ?? '');
  if (response.ok || response.status >= 500 || !json) return response;
  // The answer is held whole: reading it here leaves it readable for Apollo.
  const body = await response.text();
  if (!/"errors"\s*:/.test(body)) return response;
  return response.withStatus(200, 'OK');
}
