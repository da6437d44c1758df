import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { AllegationRecord } from '@psea/contract';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { ContractMapping } from '../sql/contract-mapping';
import type { CellProblem } from './ingest-format';

/** A value in COPY's text format: backslash, tab, newline and carriage return escaped. */
function copyText(value: string): string {
  return value.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c] as string);
}

/** The staged rows, fetched back this many at a time: memory stays flat whatever the file's size. */
const FETCH = 5_000;

/**
 * A file's validated rows, streamed with COPY into a temporary table of the ingest's own
 * connection and transaction (dropped at its end), so that nothing grows in memory with the
 * file: PostgreSQL finds repeated references, hands the rows back for writing in chunks, and
 * replaces the subjects' pseudonyms in two statements. Subjects are staged as their stored
 * pseudonyms only: an identifier never reaches the database, not even a temporary table.
 */
export class RecordStaging {
  private stream: Writable | undefined;

  private constructor(private readonly client: PoolClient) {}

  /** Opens the table and its COPY; the caller's transaction must be open (the table ends with it). */
  static async open(client: PoolClient): Promise<RecordStaging> {
    await client.query(
      'CREATE TEMP TABLE ingest_row (line int NOT NULL, reference text NOT NULL, record text NOT NULL, pseudonyms text) ON COMMIT DROP',
    );
    const staging = new RecordStaging(client);
    staging.stream = client.query(copyFrom('COPY ingest_row (line, reference, record, pseudonyms) FROM STDIN'));
    return staging;
  }

  /**
   * Adds one valid row: its record (without identifiers) and its subjects' pseudonyms, or null
   * when the file has no identifiers column (the pseudonyms held are kept). Waits when
   * PostgreSQL has not caught up, so nothing piles up in memory.
   */
  async add(line: number, record: AllegationRecord, pseudonyms: readonly string[] | null): Promise<void> {
    const stream = this.stream as Writable;
    const { subjectIds: _identifiers, ...kept } = record;
    const row = `${line}\t${copyText(record.reference)}\t${copyText(JSON.stringify(kept))}\t${pseudonyms === null ? '\\N' : pseudonyms.join(' ')}\n`;
    if (!stream.write(row)) await once(stream, 'drain');
  }

  /** Ends the copy (every row is in the table once this resolves). */
  async finish(): Promise<void> {
    const stream = this.stream as Writable;
    if (stream.writableFinished) return;
    stream.end();
    await once(stream, 'finish');
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

  /** The staged records in line order, `FETCH` at a time through a cursor of the transaction. */
  async *records(): AsyncGenerator<AllegationRecord[]> {
    await this.finish();
    await this.client.query('DECLARE ingest_rows NO SCROLL CURSOR FOR SELECT record FROM ingest_row ORDER BY line');
    try {
      for (;;) {
        const { rows } = await this.client.query(`FETCH ${FETCH} FROM ingest_rows`);
        if (rows.length === 0) return;
        yield (rows as Array<{ record: string }>).map((r) => JSON.parse(r.record) as AllegationRecord);
      }
    } finally {
      await this.client.query('CLOSE ingest_rows');
    }
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
    if (stream && !stream.writableFinished) {
      stream.end();
      await once(stream, 'finish').catch(() => undefined);
    }
  }
}
