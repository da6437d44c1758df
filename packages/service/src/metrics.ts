import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** How often the event-loop delay is sampled (ms). */
export const EVENT_LOOP_SAMPLE_MS = 100;

/** The metrics of one process, served at /metrics in the Prometheus text format. */
export class ServiceMetrics {
  readonly registry = new Registry();
  readonly sqlStatements: Counter<'operation'>;
  readonly httpRequests: Histogram<'route' | 'status'>;
  readonly statisticsCache: Counter<'result'>;

  constructor(service: string) {
    this.registry.setDefaultLabels({ service });
    // The event-loop delay histogram samples on a timer: prom-client's default of every 10 ms
    // wakes an idle process 100 times a second (0.75 % of a core each, measured; a hub of thirty
    // sources on two cores pays that thirty times). A stall still shows in full: it delays
    // whichever sample is due, and stalls shorter than this are not what an operator looks for.
    collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: EVENT_LOOP_SAMPLE_MS });
    this.sqlStatements = new Counter({
      name: 'psea_sql_statements_total',
      help: 'SQL statements run on behalf of GraphQL requests',
      labelNames: ['operation'],
      registers: [this.registry],
    });
    this.statisticsCache = new Counter({
      name: 'psea_statistics_cache_total',
      help: 'Statistics answers served from the cache (hit) or computed (miss)',
      labelNames: ['result'],
      registers: [this.registry],
    });
    this.httpRequests = new Histogram({
      name: 'psea_http_request_duration_seconds',
      help: 'HTTP request duration',
      labelNames: ['route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [this.registry],
    });
  }
}
