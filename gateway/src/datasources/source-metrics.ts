import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { SourceFailureReason } from '@psea/contract';

/** How a call to a source ended: a contribution, the source missing, or the caller's own error. */
export type SourceOutcome = 'ok' | 'unavailable' | 'caller-error';

/**
 * The gateway's view of each source, in its Prometheus registry: calls by outcome and reason
 * class, their latency, and whether the source is up (its last call gave a contribution).
 */
export class SourceMetrics {
  private readonly requests: Counter<'source' | 'outcome' | 'reason'>;
  private readonly duration: Histogram<'source' | 'outcome'>;
  private readonly up: Gauge<'source'>;
  private readonly retries: Counter<'source'>;

  constructor(registry: Registry, sources: readonly string[]) {
    this.requests = new Counter({
      name: 'psea_source_requests_total',
      help: 'Calls from the gateway to a source, by outcome (ok, unavailable, caller-error) and reason class',
      labelNames: ['source', 'outcome', 'reason'],
      registers: [registry],
    });
    this.duration = new Histogram({
      name: 'psea_source_request_duration_seconds',
      help: 'Time from the gateway sending a call to a source to its answer (or failure)',
      labelNames: ['source', 'outcome'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });
    this.up = new Gauge({
      name: 'psea_source_up',
      help: '1 when the last call to the source gave a contribution, 0 when the source was missing',
      labelNames: ['source'],
      registers: [registry],
    });
    this.retries = new Counter({
      name: 'psea_source_retries_total',
      help: 'Calls sent again because the pooled connection they were sent on had just been closed by the source',
      labelNames: ['source'],
      registers: [registry],
    });
    // Every source shows from the start, so a dashboard sees zeros rather than gaps; whether it
    // is up is known only from its first call.
    for (const source of sources) {
      this.requests.inc({ source, outcome: 'ok', reason: '' }, 0);
      this.retries.inc({ source }, 0);
    }
  }

  retried(source: string): void {
    this.retries.inc({ source });
  }

  observe(source: string, outcome: SourceOutcome, reason: SourceFailureReason | undefined, seconds: number): void {
    this.requests.inc({ source, outcome, reason: reason ?? '' });
    this.duration.observe({ source, outcome }, seconds);
    if (outcome !== 'caller-error') this.up.set({ source }, outcome === 'ok' ? 1 : 0);
  }
}
