import type { EntityManager } from 'typeorm';
import { CellProblem, columnOf } from './ingest-format';
import type { StagedColumns } from './staged-columns';

/** What node-postgres tells of an error PostgreSQL raised (its SQLSTATE and the fields it names). */
export interface DatabaseRefusal {
  readonly code: string;
  readonly message: string;
  readonly table?: string;
  readonly column?: string;
  readonly constraint?: string;
  /** For COPY: `COPY <table>, line N, column C: "value"`. */
  readonly where?: string;
}

/**
 * Whether PostgreSQL refused a value or a row (SQLSTATE classes 22, data exception, and 23,
 * integrity constraint violation), as opposed to the connection or the server failing: only a
 * refusal is the file's fault, to be told with its line and column.
 */
export function isDatabaseRefusal(error: unknown): error is DatabaseRefusal {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^2[23][0-9A-Z]{3}$/.test(code);
}

/** The file's column a refusal is about, through the contract field the column holds; '-' when PostgreSQL named none. */
function fileColumn(columns: StagedColumns, column: string | undefined, native: boolean): string {
  const field = column === undefined ? undefined : columns.fieldOf(column, native);
  return field === undefined ? '-' : columnOf(field);
}

function problem(line: number, column: string, refusal: DatabaseRefusal): CellProblem {
  return { line, column, message: `refused by the source's database: ${refusal.message}` };
}

/**
 * A refusal raised by COPY into the staging table, told as the file's line and column. PostgreSQL
 * names the staging row (the Nth copied) and its staged column; `lineOf` finds the file's line of
 * that row (by reading the file again: no line is kept in memory for an error that should never
 * come, since JavaScript validation admits only values the staging's types hold).
 */
export async function copyRefusal(
  refusal: DatabaseRefusal,
  columns: StagedColumns,
  lineOf: (stagedRow: number) => Promise<number>,
): Promise<CellProblem | undefined> {
  const where = /^COPY [a-z_]+, line (\d+)(?:, column ([a-z_0-9]+))?/.exec(refusal.where ?? '');
  if (!where) return undefined;
  return problem(await lineOf(Number(where[1])), fileColumn(columns, where[2], false), refusal);
}

/**
 * A refusal raised while the source's writer wrote the staged rows (a constraint or type of the
 * source's own tables that the format's rules do not know): PostgreSQL names no row of an
 * `INSERT ... SELECT`, so the first refused line is found by bisection over the staged lines,
 * each try rolled back to `savepoint` (set before the first write), writing about as many rows
 * in all as the load itself. The column is the one PostgreSQL names, or the only column of the
 * refusing constraint, when it is a column of the records' table (`recordsTable`); a refusal that
 * no single line reproduces is told without a line (0).
 */
export async function writeRefusal(
  manager: EntityManager,
  refusal: DatabaseRefusal,
  options: {
    readonly staging: string;
    readonly columns: StagedColumns;
    readonly recordsTable: string;
    readonly savepoint: string;
    readonly write: () => Promise<unknown>;
  },
): Promise<CellProblem> {
  const { staging, savepoint } = options;
  const refusedWithin = async (from: number, to: number): Promise<DatabaseRefusal | undefined> => {
    await manager.query(`ROLLBACK TO SAVEPOINT ${savepoint}`);
    await manager.query(`DELETE FROM ${staging} WHERE line < $1 OR line > $2`, [from, to]);
    try {
      await options.write();
      return undefined;
    } catch (error) {
      if (isDatabaseRefusal(error)) return error;
      throw error;
    }
  };
  await manager.query(`ROLLBACK TO SAVEPOINT ${savepoint}`);
  const [range] = (await manager.query(`SELECT min(line) AS low, max(line) AS high FROM ${staging}`)) as Array<{
    low: number;
    high: number;
  }>;
  let low = range?.low ?? 0;
  let high = range?.high ?? 0;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (await refusedWithin(low, middle)) high = middle;
    else low = middle + 1;
  }
  const alone = await refusedWithin(low, low);
  await manager.query(`ROLLBACK TO SAVEPOINT ${savepoint}`);
  if (!alone) return problem(0, '-', refusal);
  return problem(low, await refusedColumn(manager, alone, options), alone);
}

async function refusedColumn(
  manager: EntityManager,
  refusal: DatabaseRefusal,
  options: { readonly columns: StagedColumns; readonly recordsTable: string },
): Promise<string> {
  if (refusal.table !== options.recordsTable) return '-';
  if (refusal.column) return fileColumn(options.columns, refusal.column, true);
  if (!refusal.constraint) return '-';
  const columns = (await manager.query(
    'SELECT a.attname AS name FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey) ' +
      'WHERE c.conname = $1 AND c.conrelid = to_regclass(quote_ident($2))',
    [refusal.constraint, refusal.table],
  )) as Array<{ name: string }>;
  return columns.length === 1 ? fileColumn(options.columns, columns[0]?.name, true) : '-';
}
