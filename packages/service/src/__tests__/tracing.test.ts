import { startTracing } from '../tracing/tracing';
import { formatTraceparent, newSpanId, newTraceId, parseTraceparent } from '../tracing/traceparent';

describe('request ids and traces', () => {
  it('reads and writes W3C traceparent, refusing malformed or all-zero ids', () => {
    const header = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const parent = parseTraceparent(header);
    expect(parent).toEqual({ traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', sampled: true });
    expect(formatTraceparent(parent!)).toBe(header);
    expect(parseTraceparent('00-00000000000000000000000000000000-00f067aa0ba902b7-01')).toBeUndefined();
    expect(parseTraceparent('01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01')).toBeUndefined();
    expect(parseTraceparent('garbage')).toBeUndefined();
    expect(parseTraceparent(undefined)).toBeUndefined();
  });

  it('exports nothing unless OTEL_EXPORTER_OTLP_ENDPOINT is set, but still makes request ids', () => {
    const off = startTracing('gateway', {});
    expect(off.exporting).toBe(false);
    const root = off.startSpan('POST /graphql', 'server', undefined);
    expect(root.traceId).toMatch(/^[0-9a-f]{32}$/);
    const child = off.startSpan('call agencies', 'client', root);
    expect(child.traceId).toBe(root.traceId);
    expect(child.spanId).not.toBe(root.spanId);
    expect(startTracing('gateway', { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:1' }).exporting).toBe(true);
  });

  it('makes ids that are valid, distinct and spread over every hex digit, across refills of the random pool', () => {
    // 4096 random bytes a pool: 3,000 span ids and 1,000 trace ids draw it more than eight times.
    const spans = Array.from({ length: 3000 }, newSpanId);
    const traces = Array.from({ length: 1000 }, newTraceId);
    expect(spans.every((id) => /^[0-9a-f]{16}$/.test(id) && !/^0+$/.test(id))).toBe(true);
    expect(traces.every((id) => /^[0-9a-f]{32}$/.test(id) && !/^0+$/.test(id))).toBe(true);
    expect(new Set([...spans, ...traces]).size).toBe(4000);
    const digits = new Map<string, number>();
    for (const c of spans.join('')) digits.set(c, (digits.get(c) ?? 0) + 1);
    // 48,000 digits: each of 16 expected 3,000 times; a stuck or repeated pool would skew this.
    expect(digits.size).toBe(16);
    for (const n of digits.values()) expect(Math.abs(n - 3000)).toBeLessThan(400);
    expect(parseTraceparent(formatTraceparent({ traceId: traces[0]!, spanId: spans[0]!, sampled: false }))).toEqual({
      traceId: traces[0],
      spanId: spans[0],
      sampled: false,
    });
  });
});
