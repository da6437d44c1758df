import { Agent } from 'node:http';
import { RemoteGraphQLDataSource } from '@apollo/gateway';
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import fetch from 'node-fetch';
import { Caller, ContributionStatus, SourceRegistration, VIEWS, sourceUnavailable } from '@psea/contract';

export type FailureReason = 'unreachable' | 'timeout' | 'error';

/** Why a call to a source failed, or undefined when it did not fail as a source (e.g. bad input). */
export function failureReason(error: unknown): FailureReason | undefined {
  if (!(error instanceof Error)) return undefined;
  if (error.name === 'AbortError' || error.name === 'TimeoutError') return 'timeout';
  const code = (error as { code?: string }).code;
  if (error.name === 'FetchError' || (code && /^E[A-Z]+/.test(code))) return 'unreachable';
  const status = (error as { extensions?: { response?: { status?: number } } }).extensions?.response?.status;
  if (status !== undefined && status >= 500) return 'error';
  return undefined;
}

export interface SourceDataSourceOptions {
  readonly registration: SourceRegistration;
  readonly url: string;
  readonly timeoutMs: number;
  readonly agent: Agent;
  /** Signs the gateway's token for this source, carrying the caller's claims. */
  readonly sign: (audience: string, caller: Caller | 'gateway') => Promise<string>;
}

/**
 * The gateway's connection to one entity subgraph. A source that cannot be reached, times
 * out or fails answers as a contribution with status UNAVAILABLE and an error naming the
 * source (never its address), so consolidation says `complete: false` instead of silently
 * dropping the source's totals.
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
    try {
      return await super.process(options);
    } catch (error) {
      const reason = failureReason(error);
      if (!reason) throw error;
      return this.unavailable(options, reason);
    }
  }

  private unavailable(options: GraphQLDataSourceProcessOptions, reason: FailureReason): GatewayGraphQLResponse {
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
