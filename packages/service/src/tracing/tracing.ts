import { ROOT_CONTEXT, Span, SpanKind, SpanStatusCode, TraceFlags, Tracer, trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { TraceParent, newSpanId, newTraceId } from './traceparent';

export type SpanKindName = 'server' | 'client' | 'internal';

/** One span of a request: its ids (for `traceparent` and logs) and its end. */
export interface RequestSpan extends TraceParent {
  setAttributes(attributes: Record<string, string | number | boolean>): void;
  /** Ends the span; an error message marks it failed. */
  end(error?: string): void;
}

/**
 * Spans of this process. Request ids always exist (the trace id, passed on as W3C
 * `traceparent`), so logs follow a request across processes; spans are exported over OTLP/HTTP
 * only when OTEL_EXPORTER_OTLP_ENDPOINT is set, and cost nothing otherwise.
 */
export interface Tracing {
  readonly exporting: boolean;
  /** A span under `parent` (another process's span, or one of ours), or the root of a new trace. */
  startSpan(
    name: string,
    kind: SpanKindName,
    parent: TraceParent | undefined,
    attributes?: Record<string, string | number>,
  ): RequestSpan;
  /** Sends what is buffered and stops. */
  shutdown(): Promise<void>;
}

const KINDS: Record<SpanKindName, SpanKind> = { server: SpanKind.SERVER, client: SpanKind.CLIENT, internal: SpanKind.INTERNAL };

/** Ids without export: what every process does unless OTLP is configured. */
class IdsOnly implements Tracing {
  readonly exporting = false;
  startSpan(_name: string, _kind: SpanKindName, parent: TraceParent | undefined): RequestSpan {
    return {
      traceId: parent?.traceId ?? newTraceId(),
      spanId: newSpanId(),
      sampled: parent?.sampled ?? false,
      setAttributes: () => undefined,
      end: () => undefined,
    };
  }
  async shutdown(): Promise<void> {}
}

class Exporting implements Tracing {
  readonly exporting = true;
  private readonly tracer: Tracer;

  constructor(
    private readonly provider: BasicTracerProvider,
    serviceName: string,
  ) {
    this.tracer = provider.getTracer(serviceName);
  }

  startSpan(
    name: string,
    kind: SpanKindName,
    parent: TraceParent | undefined,
    attributes: Record<string, string | number> = {},
  ): RequestSpan {
    // Parents are passed explicitly, so no context manager (async hooks) is needed.
    const context = parent
      ? trace.setSpanContext(ROOT_CONTEXT, {
          traceId: parent.traceId,
          spanId: parent.spanId,
          traceFlags: parent.sampled ? TraceFlags.SAMPLED : TraceFlags.NONE,
          isRemote: true,
        })
      : ROOT_CONTEXT;
    const span: Span = this.tracer.startSpan(name, { kind: KINDS[kind], attributes }, context);
    const { traceId, spanId, traceFlags } = span.spanContext();
    return {
      traceId,
      spanId,
      sampled: (traceFlags & TraceFlags.SAMPLED) === TraceFlags.SAMPLED,
      setAttributes: (more) => span.setAttributes(more),
      end: (error) => {
        if (error) span.setStatus({ code: SpanStatusCode.ERROR, message: error });
        span.end();
      },
    };
  }

  shutdown(): Promise<void> {
    return this.provider.shutdown();
  }
}

/**
 * The tracing of a process named `serviceName`: exporting over OTLP/HTTP (JSON, to
 * `$OTEL_EXPORTER_OTLP_ENDPOINT/v1/traces`, batched as OTEL_BSP_* say) when the endpoint is set.
 */
export function startTracing(serviceName: string, env: NodeJS.ProcessEnv = process.env): Tracing {
  if (!env['OTEL_EXPORTER_OTLP_ENDPOINT'] && !env['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT']) return new IdsOnly();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': env['OTEL_SERVICE_NAME'] ?? serviceName }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())],
  });
  return new Exporting(provider, serviceName);
}

/** Tracing that makes ids and exports nothing, for tests and tools. */
export const NO_EXPORT: Tracing = new IdsOnly();
