import { NO_EXPORT } from '@psea/service';
import { CallSpans } from '../plugins/call-spans';

describe('CallSpans', () => {
  const request = NO_EXPORT.startSpan('POST /graphql', 'server', {
    traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
    spanId: '00f067aa0ba902b7',
    sampled: true,
  });

  it("finds a call's client span again by either object that names the call, in the request's trace", () => {
    const spans = new CallSpans(NO_EXPORT);
    const executorRequest = {};
    const hookRequest = {};
    const call = spans.start('agencies', request, executorRequest, hookRequest);
    expect(call.traceId).toBe(request.traceId);
    expect(call.spanId).not.toBe(request.spanId);
    expect(spans.parentOf(executorRequest, request)).toBe(call);
    expect(spans.parentOf(hookRequest, request)).toBe(call);
  });

  it("falls back to the request's span for a call it did not open (the system view)", () => {
    const spans = new CallSpans(NO_EXPORT);
    expect(spans.parentOf({}, request)).toBe(request);
    expect(spans.parentOf(undefined, request)).toBe(request);
    expect(spans.parentOf(undefined, undefined)).toBeUndefined();
  });
});
