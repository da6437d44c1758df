import { Agent } from 'node:http';
import { RemoteGraphQLDataSource } from '@apollo/gateway';
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import fetch from 'node-fetch';
import { Caller, ContributionStatus, SourceFailureReason, SourceRegistration, VIEWS, sourceUnavailable } from '@psea/contract';
import { responseFailure, thrownFailure } from './source-failure';

export interface SourceDataSourceOptions {
  readonly registration: SourceRegistration;
  readonly url: string;
  readonly timeoutMs: number;
  readonly agent: Agent;
  /** Signs the gateway's token for this source, carrying the caller's claims. */
  readonly sign: (audience: string, caller: Caller | 'gateway') => Promise<string>;
}

/**
 * The gateway's connection to one entity subgraph. Whatever fails in a source's contribution
 * (it cannot be reached, times out, answers with an HTTP or GraphQL error such as its database
 * being down, or with data that is not a contribution) answers as a contribution with status
 * UNAVAILABLE and an error naming the source and the reason class (never its address or the
 * source's own message), so consolidation says `complete: false` with exact totals for the
 * others. Without this the gateway would skip the `@requires` fetch and null the whole answer.
 * Only the caller's own bad input or role, as judged by the source, stays an error of the request.
 */
export class SourceDataSource extends RemoteGraphQLDataSource {
  private readonly registration: SourceRegistration;
  private readonly sign: SourceDataSourceOptions['sign'];

  constructor(options: SourceDataSourceOptions) {
    super({ url: options.url });
    this.registration = options.registration;
    this.sign = options.sign;
    const { agent, timeoutMs } = options;
    this.fetcher = ((url: string, init: Record<string, unknown>) =>
      fetch(url, { ...init, agent, signal: AbortSignal.timeout(timeoutMs) } as never)) as never;
  }

  /** The caller's own token never reaches a source: the gateway signs a short-lived one of its own. */
  override async willSendRequest(options: GraphQLDataSourceProcessOptions<{ caller?: Caller }>): Promise<void> {
    const caller = options.context.caller;
    const token = await this.sign(this.registration.name, caller ?? 'gateway');
    options.request.http?.headers.set('authorization', `Bearer ${token}`);
  }

  override async process(options: GraphQLDataSourceProcessOptions): Promise<GatewayGraphQLResponse> {
    const representations = options.request.variables?.['representations'];
    let response: GatewayGraphQLResponse;
    try {
      response = await super.process(options);
    } catch (error) {
      const reason = thrownFailure(error);
      if (!reason) throw error;
      return this.unavailable(options, reason);
    }
    if (!Array.isArray(representations)) return response;
    const reason = responseFailure(response, representations.length, this.registration);
    return reason ? this.unavailable(options, reason) : response;
  }

  private unavailable(options: GraphQLDataSourceProcessOptions, reason: SourceFailureReason): GatewayGraphQLResponse {
    const { source, name, contributorField } = this.registration;
    const error = sourceUnavailable(name, reason);
    const errors = [{ message: error.message, extensions: error.extensions }];
    const representations = options.request.variables?.['representations'];
    if (!Array.isArray(representations)) return { errors };
    return {
      data: {
        _entities: representations.map((representation: { __typename?: string }) => {
          const view = VIEWS.find((v) => v.typeName === representation.__typename);
          if (!view) return null;
          return {
            __typename: view.typeName,
            [contributorField]: {
              __typename: view.contributionTypeName,
              source,
              status: ContributionStatus.UNAVAILABLE,
              total: null,
              rows: null,
              items: null,
              hasNextPage: null,
              endCursor: null,
              matches: null,
            },
          };
        }),
      },
      errors,
    };
  }
}
