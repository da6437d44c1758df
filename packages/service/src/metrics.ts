import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The metrics of one process, served at /metrics in the Prometheus text format. */
export class ServiceMetrics {
  readonly registry = new Registry();
  readonly sqlStatements: Counter<'operation'>;
  readonly httpRequests: Histogram<'route' | 'status'>;
  readonly statisticsCache: Counter<'result'>;

  constructor(service: string) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry });
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
