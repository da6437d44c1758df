import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { AllegationRecord } from '@psea/contract';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { ContractMapping } from '../sql/contract-mapping';
import type { CellProblem } from './ingest-format';
import { StagedColumns, copyText } from './staged-columns';

/** Characters of rows sent to the COPY at once (about 64 KiB). */
const COPY_CHUNK = 64 * 1024;

/** What a source's writer reads: the staging table and its columns (see `StagedColumns`). */
export interface StagedRecords {
  /** The table's name; one row per record, with `line` and `reference`. */
  readonly table: string;
  readonly columns: StagedColumns;
  /** The distinct entity codes of the staged records (a handful: read into memory). */
  entities(): Promise<string[]>;
}

/**
 * A file's validated rows, streamed with COPY into a temporary table of the ingest's own
 * connection and transaction (dropped at its end) in typed columns, so that nothing grows in
 * memory with the file: PostgreSQL finds repeated references, the source's writer reads the rows
 * set-wise (INSERT ... SELECT, one statement per native table), and the subjects' pseudonyms are
 * replaced in two statements. Subjects are staged as their stored pseudonyms only: an identifier
 * never reaches the database, not even a temporary table.
 */
export class RecordStaging implements StagedRecords {
  readonly table = 'ingest_row';
  private stream: Writable | undefined;
  /** The COPY's failure (PostgreSQL refused a row), rethrown by the next write or the finish. */
  private failure: Error | undefined;
  /** Rows not yet handed to the COPY stream: sent by the chunk, not by the row (see `write`). */
  private pending: string[] = [];
  private pendingLength = 0;

  private constructor(
    private readonly client: PoolClient,
    readonly columns: StagedColumns,
  ) {}

  /**
   * Opens the table and its COPY; the caller's transaction must be open (the table ends with it).
   * The table is dropped first if this transaction staged before (a second write in one transaction).
   */
  static async open(client: PoolClient, mapping: ContractMapping): Promise<RecordStaging> {
    const staging = new RecordStaging(client, new StagedColumns(mapping));
    await client.query('DROP TABLE IF EXISTS pg_temp.ingest_row');
    await client.query(
      'CREATE TEMP TABLE ingest_row (line int NOT NULL, reference text NOT NULL, pseudonyms text, ' +
        `${staging.columns.definitions().join(', ')}) ON COMMIT DROP`,
    );
    const stream = client.query(
      copyFrom(`COPY ingest_row (line, reference, pseudonyms, ${staging.columns.names().join(', ')}) FROM STDIN`),
    );
    // Kept, not left to crash the process: the error can come between two writes.
    stream.on('error', (error: Error) => {
      staging.failure ??= error;
    });
    staging.stream = stream;
    return staging;
  }

  /**
   * Adds one row: its record (without identifiers) and its subjects' pseudonyms, or null when the
   * file has no identifiers column (the pseudonyms held are kept). Waits when PostgreSQL has not
   * caught up, so nothing piles up in memory.
   */
  async add(line: number, record: AllegationRecord, pseudonyms: readonly string[] | null): Promise<void> {
    await this.write(
      `${line}\t${copyText(record.reference)}\t${pseudonyms === null ? '\\N' : pseudonyms.join(' ')}\t${this.columns.copyRow(record)}\n`,
    );
  }

  /**
   * Adds the reference of a row the source's rules refused, so repeats of it are still found; its
   * values are not staged (a source cannot store them, and a refused file writes nothing anyway).
   */
  async addRefused(line: number, reference: string): Promise<void> {
    await this.write(`${line}\t${copyText(reference)}\t\\N${'\t\\N'.repeat(this.columns.names().length)}\n`);
  }

  /**
   * Queues a row and sends the queue as one chunk once it holds COPY_CHUNK characters: the COPY
   * stream frames each chunk as a message and writes it to the socket, so row by row a load made
   * a million socket writes (a third of the ingest's CPU in a profile) and PostgreSQL read a
   * million messages.
   */
  private async write(row: string): Promise<void> {
    if (this.failure) throw this.failure;
    this.pending.push(row);
    this.pendingLength += row.length;
    if (this.pendingLength >= COPY_CHUNK) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const chunk = this.pending.join('');
    this.pending = [];
    this.pendingLength = 0;
    const stream = this.stream as Writable;
    if (!stream.write(chunk)) await once(stream, 'drain');
  }

  /** Ends the copy (every row is in the table once this resolves). */
  async finish(): Promise<void> {
    if (this.failure) throw this.failure;
    const stream = this.stream as Writable;
    if (stream.writableFinished) return;
    await this.flush();
    if (this.failure) throw this.failure;
    stream.end();
    await once(stream, 'finish');
    if (this.failure) throw this.failure;
  }

  /**
   * Each line whose reference appeared on an earlier line: the first `limit` by line, and how
   * many in all.
   */
  async duplicates(limit: number): Promise<{ problems: CellProblem[]; total: number }> {
    await this.finish();
    const repeated = 'SELECT reference, line, min(line) OVER (PARTITION BY reference) AS first FROM ingest_row';
    const { rows } = await this.client.query(
      `SELECT reference, line, first, count(*) OVER ()::int AS total FROM (${repeated}) r WHERE line <> first ORDER BY line LIMIT $1`,
      [limit],
    );
    const found = rows as Array<{ reference: string; line: number; first: number; total: number }>;
    return {
      total: found[0]?.total ?? 0,
      problems: found.map((r) => ({
        line: r.line,
        column: 'reference',
        message: `${r.reference} already appears on line ${r.first}`,
      })),
    };
  }

  async entities(): Promise<string[]> {
    await this.finish();
    const { rows } = await this.client.query('SELECT DISTINCT entity FROM ingest_row ORDER BY entity');
    return (rows as Array<{ entity: string }>).map((r) => r.entity);
  }

  /**
   * Makes each staged record's stored pseudonyms those staged for it, set-wise: the rows of a
   * file without identifiers keep theirs. Runs after the records are written (their ids exist).
   */
  async syncPseudonyms(mapping: ContractMapping): Promise<void> {
    const staged =
      `SELECT ${mapping.id} AS allegation_id, string_to_array(ingest_row.pseudonyms, ' ') AS pseudonyms ` +
      `FROM ${mapping.from} JOIN ingest_row ON ingest_row.reference = ${mapping.reference} WHERE ingest_row.pseudonyms IS NOT NULL`;
    await this.client.query(
      `DELETE FROM subject_pseudonym held USING (${staged}) staged ` +
        'WHERE held.allegation_id = staged.allegation_id AND NOT held.pseudonym = ANY (staged.pseudonyms)',
    );
    await this.client.query(
      'INSERT INTO subject_pseudonym (allegation_id, pseudonym, keyed_by_source) ' +
        `SELECT staged.allegation_id, pseudonym, true FROM (${staged}) staged ` +
        'CROSS JOIN LATERAL unnest(staged.pseudonyms) AS pseudonym ON CONFLICT DO NOTHING',
    );
  }

  /** Ends a copy that was not finished (a file refused before its end). */
  async abandon(): Promise<void> {
    const stream = this.stream;
    // A failed COPY is over already: its stream will never finish.
    if (stream && !stream.writableFinished && !stream.destroyed && !this.failure) {
      stream.end();
      await once(stream, 'finish').catch(() => undefined);
    }
  }
}
