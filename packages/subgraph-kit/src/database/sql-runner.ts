import type { DataSource } from 'typeorm';
import type { ServiceMetrics } from '../metrics';
import type { SqlStatement } from '../sql/statistics-query';

/**
 * Runs the kit's statements and counts them, so tests and the benchmark can show how many
 * statements a request costs.
 */
export class SqlRunner {
  constructor(
    private readonly dataSource: DataSource,
    private readonly metrics: ServiceMetrics,
  ) {}

  async run(
    operation: 'statistics' | 'page' | 'lookup' | 'screening' | 'audit' | 'version',
    statement: SqlStatement,
  ): Promise<Record<string, unknown>[]> {
    this.metrics.sqlStatements.inc({ operation });
    return (await this.dataSource.query(statement.text, statement.values)) as Record<string, unknown>[];
  }
}
