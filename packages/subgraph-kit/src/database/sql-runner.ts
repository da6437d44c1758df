import type { DataSource } from 'typeorm';
import { sourceUnavailable } from '@psea/contract';
import type { ServiceMetrics } from '@psea/service';
import type { SqlStatement } from '../sql/statistics-query';
import { requestSignal } from './request-signal';

/** PostgreSQL's SQLSTATE for a statement cancelled by statement_timeout or a cancel request. */
const QUERY_CANCELED = '57014';

/**
 * Runs the kit's statements and counts them, so tests and the benchmark can show how many
 * statements a request costs. A statement of a request whose client went away is cancelled in
 * PostgreSQL (pg_cancel_backend on its own connection); one that runs past the connection's
 * statement_timeout fails as the source being unavailable for `timeout`, not as an internal error.
 */
export class SqlRunner {
  constructor(
    private readonly dataSource: DataSource,
    private readonly metrics: ServiceMetrics,
    /** The source's name, for the timeout error (e.g. `agencies`). */
    private readonly sourceName = 'source',
  ) {}

  async run(
    operation: 'statistics' | 'page' | 'lookup' | 'screening' | 'audit' | 'version',
    statement: SqlStatement,
  ): Promise<Record<string, unknown>[]> {
    this.metrics.sqlStatements.inc({ operation });
    const signal = requestSignal();
    try {
      if (!signal) return (await this.dataSource.query(statement.text, statement.values)) as Record<string, unknown>[];
      return await this.cancellable(statement, signal);
    } catch (error) {
      // A statement cancelled by its timeout (or for a caller that went away): one reason class,
      // the one the source's database classifier gives it.
      if ((error as { code?: string }).code === QUERY_CANCELED) throw sourceUnavailable(this.sourceName, 'database-timeout');
      throw error;
    }
  }

  private async cancellable(statement: SqlStatement, signal: AbortSignal): Promise<Record<string, unknown>[]> {
    if (signal.aborted) throw Object.assign(new Error('the client went away'), { code: QUERY_CANCELED });
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    const pid = (runner as unknown as { databaseConnection?: { processID?: number } }).databaseConnection?.processID;
    let done = false;
    let cancelling: Promise<unknown> | undefined;
    const cancel = () => {
      if (done || pid === undefined) return;
      cancelling = this.dataSource.query('SELECT pg_cancel_backend($1)', [pid]).catch(() => undefined);
    };
    signal.addEventListener('abort', cancel, { once: true });
    try {
      return (await runner.query(statement.text, statement.values)) as Record<string, unknown>[];
    } finally {
      done = true;
      signal.removeEventListener('abort', cancel);
      // The connection goes back to the pool only once a cancel aimed at it has been delivered.
      if (cancelling) await cancelling;
      await runner.release();
    }
  }
}
