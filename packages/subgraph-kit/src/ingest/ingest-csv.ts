import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { AllegationRecord, EXIT, OperatorError, recordProblems } from '@psea/contract';
import type { PoolClient } from 'pg';
import type { DataSource } from 'typeorm';
import { PseudonymKeys, rekeyLegacyPseudonyms, syncPseudonyms } from '../load-records';
import type { SubgraphDefinition, WriteSummary } from '../subgraph-definition';
import type { FormatVersion } from './format-versions';
import { CellProblem, columnOf, parseRow, readHeader } from './ingest-format';
import { ReferenceStaging } from './reference-staging';

/** Records written per statement batch, inside the file's single transaction. */
const BATCH = 2_000;

export interface IngestOptions {
  readonly dataSource: DataSource;
  readonly definition: SubgraphDefinition;
  /** The keys of the subjects' stored pseudonyms (deployment and source). */
  readonly pseudonymKeys: PseudonymKeys;
  /** Opens the file from its start: it is read twice (validate, then write), never held in memory. */
  readonly open: () => Readable;
  /** Called as rows are validated and written. */
  readonly onProgress?: (phase: 'validate' | 'write', rows: number) => void;
  /** Problems kept for the report (all are counted). */
  readonly maxProblems?: number;
}

export interface IngestResult extends WriteSummary {
  readonly rows: number;
  /** The version of the format the file was in (docs/ingest-format.md). */
  readonly version: FormatVersion;
}

/** The file was not loaded: nothing was written. */
export class IngestError extends OperatorError {
  constructor(
    readonly problems: readonly CellProblem[],
    readonly total: number,
  ) {
    super(`${total} problem(s) in the file; nothing was written`, EXIT.PROBLEMS);
  }
}

async function* rows(
  open: () => Readable,
  headerCheck: (header: string[]) => void,
): AsyncGenerator<{ cells: Record<string, string>; line: number }> {
  const parser = open().pipe(
    parse({
      bom: true,
      info: true,
      skip_empty_lines: true,
      relax_column_count: false,
      columns: (header: string[]) => {
        headerCheck(header);
        return header;
      },
    }),
  );
  try {
    for await (const item of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      yield { cells: item.record, line: item.info.lines };
    }
  } catch (error) {
    const e = error as { code?: string; lines?: number; message: string };
    if (e.code?.startsWith('CSV_')) {
      throw new IngestError([{ line: e.lines ?? 0, column: '-', message: `not valid CSV (RFC 4180): ${e.message}` }], 1);
    }
    throw error;
  }
}

/**
 * Loads a file of the ingestion format into a source's own database through its mapping.
 * Every row is validated first (pass one); then the whole file is written in one transaction
 * (pass two): a bad row anywhere writes nothing, and a second load of the same file changes
 * nothing (key: the source's reference).
 */
export async function ingestCsv(options: IngestOptions): Promise<IngestResult> {
  const { definition } = options;
  const limit = options.maxProblems ?? 50;
  const problems: CellProblem[] = [];
  let total = 0;
  const report = (p: CellProblem) => {
    total++;
    if (problems.length < limit) problems.push(p);
  };
  let count = 0;
  let version: FormatVersion = 3;
  const checkHeader = (header: string[]) => {
    const read = readHeader(header);
    version = read.version;
    read.problems.forEach(report);
  };
  // Pass one's own connection, for its temporary table of references.
  const runner = options.dataSource.createQueryRunner();
  await runner.connect();
  try {
    const staging = await ReferenceStaging.open((runner as unknown as { databaseConnection: PoolClient }).databaseConnection);
    try {
      for await (const { cells, line } of rows(options.open, checkHeader)) {
        if (total && problems.some((p) => p.line === 1)) break; // a bad header makes every row meaningless
        count++;
        const parsed = parseRow(cells, line, version);
        parsed.problems.forEach(report);
        // Every problem of the row at once: the source's rules are checked on the draft as well, for
        // the columns the format check did not already refuse.
        const checked = parsed.record ?? parsed.draft;
        if (checked) {
          const refused = new Set(parsed.problems.map((p) => p.column));
          for (const p of recordProblems(checked, definition.source)) {
            const column = columnOf(p.field);
            if (refused.has(column)) continue;
            report({
              line,
              column,
              message: `expected ${p.expected}${p.got === undefined ? '' : `, got ${JSON.stringify(p.got)}`}`,
            });
          }
        }
        if (parsed.record) await staging.add(parsed.record.reference, line);
        if (count % 10_000 === 0) options.onProgress?.('validate', count);
      }
      if (!problems.some((p) => p.line === 1)) {
        // Repeated references, found in PostgreSQL; kept in line order among the other problems,
        // after those of the same line, as when they were found row by row.
        const repeated = await staging.duplicates(limit);
        total += repeated.total;
        const merged = [...problems.map((p, i) => ({ p, i })), ...repeated.problems.map((p, i) => ({ p, i: limit + i }))]
          .sort((a, b) => a.p.line - b.p.line || a.i - b.i)
          .slice(0, limit)
          .map((x) => x.p);
        problems.splice(0, problems.length, ...merged);
      }
    } finally {
      await staging.close();
    }
  } finally {
    await runner.release();
  }
  if (total) throw new IngestError(problems, total);
  if (count === 0) throw new IngestError([{ line: 2, column: '-', message: 'the file has a header but no rows' }], 1);
  options.onProgress?.('validate', count);
  return write(options, version, count);
}

/** Pass two: the whole file in one transaction, in batches through the source's writer. */
async function write(options: IngestOptions, version: FormatVersion, count: number): Promise<IngestResult> {
  const { definition } = options;
  // Pseudonyms stored before the source had its own key are re-keyed before new ones are written.
  await rekeyLegacyPseudonyms(options.dataSource, options.pseudonymKeys.source);
  const runner = options.dataSource.createQueryRunner();
  await runner.connect();
  const summary: WriteSummary = { inserted: 0, updated: 0, unchanged: 0 };
  let written = 0;
  try {
    await runner.startTransaction();
    let batch: AllegationRecord[] = [];
    const flush = async () => {
      const result = await definition.writeRecords(runner.manager, batch);
      await syncPseudonyms(runner.manager, definition, batch, options.pseudonymKeys);
      summary.inserted += result.inserted;
      summary.updated += result.updated;
      summary.unchanged += result.unchanged;
      written += batch.length;
      options.onProgress?.('write', written);
      batch = [];
    };
    for await (const { cells, line } of rows(options.open, () => undefined)) {
      const { record } = parseRow(cells, line, version);
      if (!record) throw new Error(`line ${line} changed between the two passes`);
      batch.push(record);
      if (batch.length >= BATCH) await flush();
    }
    if (batch.length) await flush();
    await runner.commitTransaction();
  } catch (error) {
    if (runner.isTransactionActive) await runner.rollbackTransaction();
    throw error;
  } finally {
    await runner.release();
  }
  return { ...summary, rows: count, version };
}
