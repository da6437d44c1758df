import { Agent } from 'node:http';
import { RemoteGraphQLDataSource } from '@apollo/gateway';
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { Caller, SourceFailureReason, SourceRegistration } from '@psea/contract';
import { Logger, NO_EXPORT, RequestSpan, Tracing, formatTraceparent } from '@psea/service';
import type { GatewayContext } from '../gateway-context';
import { createSourceFetcher } from './source-fetcher';
import { responseFailure, thrownFailure } from './source-failure';
import { unavailableAnswer } from './unavailable-answer';
import type { SourceMetrics, SourceOutcome } from './source-metrics';

export interface SourceDataSourceOptions {
  readonly registration: SourceRegistration;
  readonly url: string;
  readonly timeoutMs: number;
  readonly agent: Agent;
  /** Signs the gateway's token for this source, carrying the caller's claims. */
  readonly sign: (audience: string, caller: Caller | 'gateway') => Promise<string>;
  readonly metrics?: SourceMetrics;
  /** Client spans for calls to the source, children of the request's span. */
  readonly tracing?: Tracing;
  /** For calls outside a request (loading the schema); requests log with their own id. */
  readonly logger?: Logger;
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
  private readonly metrics: SourceMetrics | undefined;
  private readonly tracing: Tracing;
  private readonly logger: Logger | undefined;
  /** The client span of each call in flight, for its `traceparent` header. */
  private readonly spans = new WeakMap<object, RequestSpan>();

  constructor(options: SourceDataSourceOptions) {
    super({ url: options.url });
    this.registration = options.registration;
    this.sign = options.sign;
    this.metrics = options.metrics;
    this.tracing = options.tracing ?? NO_EXPORT;
    this.logger = options.logger;
    const { agent, timeoutMs } = options;
    const name = options.registration.name;
    this.fetcher = createSourceFetcher({
      agent,
      timeoutMs,
      onRetry: () => {
        this.metrics?.retried(name);
        this.logger?.warn({ source: name }, 'pooled connection closed by the source as the call was sent: sent again');
      },
    }) as never;
  }

  /** The caller's own token never reaches a source: the gateway signs a short-lived one of its own. */
  override async willSendRequest(options: GraphQLDataSourceProcessOptions<{ caller?: Caller }>): Promise<void> {
    const caller = options.context.caller;
    const token = await this.sign(this.registration.name, caller ?? 'gateway');
    options.request.http?.headers.set('authorization', `Bearer ${token}`);
    const span = this.spans.get(options.request);
    if (span) options.request.http?.headers.set('traceparent', formatTraceparent(span));
  }

  override async process(options: GraphQLDataSourceProcessOptions): Promise<GatewayGraphQLResponse> {
    const context = options.context as Partial<GatewayContext>;
    const { name } = this.registration;
    const span = this.tracing.startSpan(`call ${name}`, 'client', context.span, { 'psea.source': name });
    this.spans.set(options.request, span);
    const started = performance.now();
    const finish = (outcome: SourceOutcome, reason?: SourceFailureReason, cause?: string): void => {
      const seconds = (performance.now() - started) / 1000;
      this.metrics?.observe(name, outcome, reason, seconds);
      span.setAttributes({ 'psea.outcome': outcome, ...(reason ? { 'psea.reason': reason } : {}) });
      span.end(reason ? `source ${reason}` : undefined);
      // The cause (ECONNRESET, ECONNREFUSED, TimeoutError...) is for the operator's log only, never the answer.
      if (reason) {
        (context.logger ?? this.logger)?.warn(
          { source: name, reason, cause, ms: Math.round(seconds * 1000) },
          'source unavailable',
        );
      }
    };
    const representations = options.request.variables?.['representations'];
    let response: GatewayGraphQLResponse;
    try {
      response = await super.process(options);
    } catch (error) {
      const reason = thrownFailure(error);
      if (!reason) {
        finish('caller-error');
        throw error;
      }
      finish('unavailable', reason, causeOf(error));
      return this.unavailable(options, reason);
    }
    if (!Array.isArray(representations)) {
      finish(response.errors?.length ? 'caller-error' : 'ok');
      return response;
    }
    const reason = responseFailure(response, representations, this.registration);
    if (reason) {
      finish('unavailable', reason);
      return this.unavailable(options, reason);
    }
    finish(response.errors?.length ? 'caller-error' : 'ok');
    return response;
  }

  private unavailable(options: GraphQLDataSourceProcessOptions, reason: SourceFailureReason): GatewayGraphQLResponse {
    return unavailableAnswer(this.registration, reason, options.request.variables?.['representations']);
  }
}

/** What a thrown failure was, in the words of the system call or the error's kind. */
function causeOf(error: unknown): string {
  if (!(error instanceof Error)) return typeof error;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : error.name;
}
