import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { CellProblem } from './ingest-format';

/** A value in COPY's text format: backslash, tab, newline and carriage return escaped. */
function copyText(value: string): string {
  return value.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c] as string);
}

/**
 * The references of a file and the lines they are on, streamed into a temporary table of the
 * ingest's own connection with COPY, so that a repeated reference is found by PostgreSQL rather
 * than by a set held in memory: memory does not grow with the file.
 */
export class ReferenceStaging {
  private stream: Writable | undefined;

  private constructor(private readonly client: PoolClient) {}

  static async open(client: PoolClient): Promise<ReferenceStaging> {
    await client.query('CREATE TEMP TABLE IF NOT EXISTS ingest_reference (reference text NOT NULL, line int NOT NULL)');
    await client.query('TRUNCATE ingest_reference');
    const staging = new ReferenceStaging(client);
    staging.stream = client.query(copyFrom('COPY ingest_reference (reference, line) FROM STDIN'));
    return staging;
  }

  /** Adds one reference; waits when PostgreSQL has not caught up, so nothing piles up in memory. */
  async add(reference: string, line: number): Promise<void> {
    const stream = this.stream as Writable;
    if (!stream.write(`${copyText(reference)}\t${line}\n`)) await once(stream, 'drain');
  }

  /**
   * Ends the copy and reports each line whose reference appeared on an earlier line: the first
   * `limit` by line, and how many in all.
   */
  async duplicates(limit: number): Promise<{ problems: CellProblem[]; total: number }> {
    const stream = this.stream as Writable;
    stream.end();
    await once(stream, 'finish');
    const repeated = 'SELECT reference, line, min(line) OVER (PARTITION BY reference) AS first FROM ingest_reference';
    const [{ total }] = (await this.client.query(`SELECT count(*)::int AS total FROM (${repeated}) r WHERE line <> first`))
      .rows as [{ total: number }];
    const { rows } = await this.client.query(
      `SELECT reference, line, first FROM (${repeated}) r WHERE line <> first ORDER BY line LIMIT $1`,
      [limit],
    );
    return {
      total,
      problems: (rows as Array<{ reference: string; line: number; first: number }>).map((r) => ({
        line: r.line,
        column: 'reference',
        message: `${r.reference} already appears on line ${r.first}`,
      })),
    };
  }

  /** Ends a copy that was not finished (a file refused before its end) and empties the table. */
  async close(): Promise<void> {
    const stream = this.stream;
    if (stream && !stream.writableFinished) {
      stream.end();
      await once(stream, 'finish').catch(() => undefined);
    }
    await this.client.query('DROP TABLE IF EXISTS ingest_reference');
  }
}
