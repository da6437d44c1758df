import { startTracing } from '../tracing/tracing';
import { formatTraceparent, parseTraceparent } from '../tracing/traceparent';

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
});
