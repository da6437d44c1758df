import type { RequestSpan, Tracing } from '@psea/service';

/**
 * The client span of each call Hive Gateway makes to a source, found again by the call's
 * execution request: the failure plugin opens and ends it (it alone sees every outcome, throws
 * included), the routing-token plugin writes it into the call's `traceparent` header. Hive's own
 * plugins pair `onSubgraphExecute` with `onFetch` the same way, by the execution request.
 */
export class CallSpans {
  private readonly spans = new WeakMap<object, RequestSpan>();

  constructor(private readonly tracing: Tracing) {}

  /** Opens `call <source>` under the request's span, for each object that names the call. */
  start(source: string, parent: RequestSpan | undefined, ...keys: ReadonlyArray<object | undefined>): RequestSpan {
    const span = this.tracing.startSpan(`call ${source}`, 'client', parent, { 'psea.source': source });
    for (const key of keys) if (key) this.spans.set(key, span);
    return span;
  }

  /** The span a call's `traceparent` continues: its own client span, else the request's. */
  parentOf(executionRequest: object | undefined, requestSpan: RequestSpan | undefined): RequestSpan | undefined {
    return (executionRequest && this.spans.get(executionRequest)) || requestSpan;
  }
}
