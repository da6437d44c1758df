import type { GatewayPlugin } from '@graphql-hive/gateway';
import { ExecutionResult, GraphQLError } from 'graphql';
import { SourceFailureReason, SourceRegistration } from '@psea/contract';
import type { Logger, RequestSpan } from '@psea/service';
import { responseFailure, thrownFailure } from '../../datasources/source-failure';
import { SourceAnswer, unavailableAnswer } from '../../datasources/unavailable-answer';
import type { SourceMetrics, SourceOutcome } from '../../datasources/source-metrics';
import type { CallSpans } from './call-spans';

/**
 * The hub's failure policy in Hive Gateway (the Apollo gateway's is SourceDataSource): whatever
 * fails in a source's contribution makes that source missing, with an UNAVAILABLE contribution
 * per representation and an error naming the source and the reason class. Hive's own behaviour
 * would pass the system view a null contribution without any error, or hang on a source that
 * does not answer. The executor is wrapped rather than its result rewritten, because a
 * post-execution hook never runs when the executor throws (timeouts throw).
 */
export function useSourceFailurePolicy(options: {
  readonly sources: readonly SourceRegistration[];
  readonly metrics?: SourceMetrics;
  readonly logger: Logger;
  /** Client spans of the calls to sources (`call <source>`), as the Apollo gateway traces them. */
  readonly spans?: CallSpans;
}): GatewayPlugin {
  // Hive keeps the UNAVAILABLE contributions but drops the errors of an `_entities` answer that
  // has data: they are kept here per request and added to its answer, one per missing source.
  const failures = new WeakMap<object, Map<string, SourceAnswer['errors'][number]>>();
  const remember = (context: unknown, answer: SourceAnswer): void => {
    if (typeof context !== 'object' || context === null) return;
    const known = failures.get(context) ?? new Map();
    for (const error of answer.errors) known.set(String(error.extensions['source']), error);
    failures.set(context, known);
  };
  return {
    onExecute({ args }) {
      return {
        onExecuteDone({ result, setResult }) {
          const known = failures.get(args.contextValue as object);
          if (!known || Symbol.asyncIterator in result) return;
          const errors = (result.errors ?? []).filter((e) => !known.has(String(e.extensions?.['source'])));
          setResult({
            ...result,
            errors: [...[...known.values()].map((e) => new GraphQLError(e.message, { extensions: e.extensions })), ...errors],
          });
        },
      };
    },
    onSubgraphExecute({ subgraphName, setExecutor, executor, executionRequest }) {
      const registration = options.sources.find((s) => s.name === subgraphName);
      if (!registration) return;
      setExecutor((async (request: { variables?: Record<string, unknown>; context?: unknown }) => {
        const started = performance.now();
        const requestSpan = (request.context as { span?: RequestSpan } | undefined)?.span;
        const span = options.spans?.start(registration.name, requestSpan, request, executionRequest);
        const representations = request.variables?.['representations'];
        // What the transport said, for the operator's log only: callers see the reason class.
        let detail: unknown;
        const unavailable = (reason: SourceFailureReason): ExecutionResult => {
          finish('unavailable', reason);
          const answer = unavailableAnswer(registration, reason, representations);
          remember(request.context, answer);
          // Hive would pin these errors onto the contribution's fields: the request gets them.
          return { data: answer.data ?? null };
        };
        const finish = (outcome: SourceOutcome, reason?: SourceFailureReason): void => {
          options.metrics?.observe(registration.name, outcome, reason, (performance.now() - started) / 1000);
          span?.setAttributes({ 'psea.outcome': outcome, ...(reason ? { 'psea.reason': reason } : {}) });
          span?.end(reason ? `source ${reason}` : undefined);
          if (reason) options.logger.warn({ source: registration.name, reason, detail }, 'source unavailable');
        };
        let result: ExecutionResult;
        try {
          result = (await executor(request as never)) as ExecutionResult;
        } catch (error) {
          detail = (error as Error).message;
          // Hive's upstreamTimeout throws a GraphQLError coded GATEWAY_TIMEOUT (not an AbortError).
          const timedOut = (error as { extensions?: { code?: unknown } }).extensions?.code === 'GATEWAY_TIMEOUT';
          const reason = timedOut ? SourceFailureReason.TIMEOUT : thrownFailure(error);
          if (!reason) {
            finish('caller-error');
            throw error;
          }
          return unavailable(reason);
        }
        detail = result.errors?.map((e) => e.message);
        const transport = transportFailure(result);
        const reason =
          transport ??
          (Array.isArray(representations) ? responseFailure(result as never, representations, registration) : undefined);
        if (reason) return unavailable(reason);
        finish(result.errors?.length ? 'caller-error' : 'ok');
        return result;
      }) as never);
    },
  };
}

/**
 * Hive's HTTP transport answers a failed call with an error rather than throwing: the error
 * that caused it (a refused connection, an abort, a body that is not JSON) is its original
 * error, classified like a throw in the Apollo gateway.
 */
function transportFailure(result: ExecutionResult): SourceFailureReason | undefined {
  for (const error of result.errors ?? []) {
    const original = (error as { originalError?: unknown }).originalError;
    if (
      original instanceof Error &&
      !('extensions' in original && (original as { extensions?: { code?: unknown } }).extensions?.code)
    ) {
      if (/timeout|timed out/i.test(original.message)) return SourceFailureReason.TIMEOUT;
      return thrownFailure(original.cause instanceof Error ? original.cause : original);
    }
  }
  return undefined;
}
