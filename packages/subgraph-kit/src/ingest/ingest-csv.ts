import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { AllegationRecord, EXIT, OperatorError, normalizeIdentifier, recordProblems } from '@psea/contract';
import type { PoolClient } from 'pg';
import type { DataSource } from 'typeorm';
import { PseudonymKeys, rekeyLegacyPseudonymsIn, storedPseudonym } from '../load-records';
import type { SubgraphDefinition, WriteSummary } from '../subgraph-definition';
import type { FormatVersion } from './format-versions';
import { CellProblem, columnOf, parseRow, readHeader } from './ingest-format';
import { copyRefusal, isDatabaseRefusal, writeRefusal } from './database-refusal';
import { RecordStaging } from './record-staging';
import { recordsTable } from './staged-columns';

export interface IngestOptions {
  readonly dataSource: DataSource;
  readonly definition: SubgraphDefinition;
  /** The keys of the subjects' stored pseudonyms (deployment and source). */
  readonly pseudonymKeys: PseudonymKeys;
  /** Opens the file from its start: it is read once, as a stream, never held in memory. */
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
  /** Milliseconds spent in each phase, in order (for `psea ingest --stats`). */
  readonly phases: Readonly<Record<string, number>>;
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

const WRITE_SAVEPOINT = 'psea_ingest_write';

/** PostgreSQL's memory per sort or hash of the load's statements (the server's, not this process's). */
const INGEST_WORK_MEM = '64MB';

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
 * Loads a file of the ingestion format into a source's own database through its mapping, in one
 * pass and one transaction: each row is validated as it is read and streamed with COPY into a
 * staging table; PostgreSQL then finds repeated references, and only when the file has no problem
 * at all does the source's writer write the staged rows set-wise (one statement per native
 * table, so the tables' statement triggers fire once) and are the subjects' pseudonyms replaced. A bad row anywhere writes nothing, and a
 * second load of the same file changes nothing (key: the source's reference). Memory does not
 * grow with the file: neither its rows nor its references are held.
 */
export async function ingestCsv(options: IngestOptions): Promise<IngestResult> {
  const phases: Record<string, number> = {};
  let lapStarted = Date.now();
  const lap = (phase: string) => {
    const now = Date.now();
    phases[phase] = (phases[phase] ?? 0) + now - lapStarted;
    lapStarted = now;
  };
  const { definition, pseudonymKeys } = options;
  const limit = options.maxProblems ?? 50;
  const problems: CellProblem[] = [];
  let total = 0;
  const report = (p: CellProblem) => {
    total++;
    if (problems.length < limit) problems.push(p);
  };
  let count = 0;
  let version: FormatVersion = 3;
  let badHeader = false;
  const checkHeader = (header: string[]) => {
    const read = readHeader(header);
    version = read.version;
    badHeader = read.problems.length > 0;
    read.problems.forEach(report);
  };
  const runner = options.dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.startTransaction();
    // The load's set-wise statements and their statement triggers (rollups aggregating every
    // record of the load, the history) sort and hash the whole file at once: at the default
    // 4 MB they spill to disk. For this transaction only; durability is untouched.
    await runner.query(`SET LOCAL work_mem = '${INGEST_WORK_MEM}'`);
    const staging = await RecordStaging.open(
      (runner as unknown as { databaseConnection: PoolClient }).databaseConnection,
      definition.mapping,
    );
    try {
      for await (const { cells, line } of rows(options.open, checkHeader)) {
        if (badHeader) break; // a bad header makes every row meaningless
        count++;
        const parsed = parseRow(cells, line, version);
        parsed.problems.forEach(report);
        // Every problem of the row at once: the source's rules are checked on the draft as well, for
        // the columns the format check did not already refuse.
        const checked = parsed.record ?? parsed.draft;
        let valid = parsed.record !== undefined;
        if (checked) {
          const refused = new Set(parsed.problems.map((p) => p.column));
          for (const p of recordProblems(checked, definition.source)) {
            valid = false;
            const column = columnOf(p.field);
            if (refused.has(column)) continue;
            report({
              line,
              column,
              message: `expected ${p.expected}${p.got === undefined ? '' : `, got ${JSON.stringify(p.got)}`}`,
            });
          }
        }
        // Rows are staged even after a problem, so their references are still checked for repeats
        // (as before, a row refused by the source's rules only): a refused file writes nothing anyway.
        if (parsed.record) {
          if (valid) await staging.add(line, parsed.record, pseudonymsOf(parsed.record, pseudonymKeys));
          else await staging.addRefused(line, parsed.record.reference);
        }
        if (count % 10_000 === 0) options.onProgress?.('validate', count);
      }
      await staging.finish();
    } catch (error) {
      await staging.abandon();
      if (isDatabaseRefusal(error)) {
        const refused = await copyRefusal(error, staging.columns, (n) => lineOfStagedRow(options.open, version, n));
        if (refused) throw new IngestError([refused], 1);
      }
      throw error;
    }
    lap('read, validate and copy');
    if (!badHeader) {
      // Repeated references, found in PostgreSQL; kept in line order among the other problems,
      // after those of the same line, as when they were found row by row.
      const repeated = await staging.duplicates(limit);
      total += repeated.total;
      const merged = [...problems.map((p, i) => ({ p, i })), ...repeated.problems.map((p, i) => ({ p, i: limit + i }))]
        .sort((a, b) => a.p.line - b.p.line || a.i - b.i)
        .slice(0, limit)
        .map((x) => x.p);
      problems.splice(0, problems.length, ...merged);
    } else await staging.abandon();
    lap('repeated references');
    if (total) throw new IngestError(problems, total);
    if (count === 0) throw new IngestError([{ line: 2, column: '-', message: 'the file has a header but no rows' }], 1);
    options.onProgress?.('validate', count);

    // Pseudonyms stored before the source had its own key are re-keyed before new ones are written.
    await rekeyLegacyPseudonymsIn(runner.manager, pseudonymKeys.source);
    lap('legacy pseudonyms');
    // A refusal by the source's own tables (a constraint the format's rules do not know) is found
    // back to its line from here.
    await runner.query(`SAVEPOINT ${WRITE_SAVEPOINT}`);
    const write = () => definition.writeStaged(runner.manager, staging);
    const summary = await write().catch(async (error: unknown) => {
      if (!isDatabaseRefusal(error)) throw error;
      const refused = await writeRefusal(runner.manager, error, {
        staging: staging.table,
        columns: staging.columns,
        recordsTable: recordsTable(definition.mapping),
        savepoint: WRITE_SAVEPOINT,
        write,
      });
      throw new IngestError([refused], 1);
    });
    options.onProgress?.('write', count);
    lap('write (set-wise, with triggers)');
    await staging.syncPseudonyms(definition.mapping);
    lap('pseudonyms');
    await runner.commitTransaction();
    lap('commit');
    return { ...summary, rows: count, version, phases };
  } catch (error) {
    if (runner.isTransactionActive) await runner.rollbackTransaction();
    throw error;
  } finally {
    await runner.release();
  }
}

/**
 * The file's line of the Nth row staged (1-based), read again from the file: the rows with a
 * record are staged, in file order, as in `ingestCsv`. 0 when the file has fewer.
 */
export async function lineOfStagedRow(open: () => Readable, version: FormatVersion, n: number): Promise<number> {
  let staged = 0;
  for await (const { cells, line } of rows(open, () => undefined)) {
    if (parseRow(cells, line, version).record && ++staged === n) return line;
  }
  return 0;
}

/** The pseudonyms a record's subjects are stored as (each once), or null when the file has no identifiers column. */
function pseudonymsOf(record: AllegationRecord, keys: PseudonymKeys): string[] | null {
  if (record.subjectIds === undefined) return null;
  return [...new Set(record.subjectIds.map((raw) => storedPseudonym(keys, normalizeIdentifier(raw))))];
}
