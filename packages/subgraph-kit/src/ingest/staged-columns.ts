import type { AllegationRecord } from '@psea/contract';
import { directColumns } from '../database/record-columns';
import type { UpsertColumn } from '../database/upsert-select';
import { ContractMapping, nativeValue } from '../sql/contract-mapping';

/** A column of the staging table: its name, PostgreSQL type, and the value a record stages there. */
interface StagedColumn {
  readonly name: string;
  readonly type: string;
  /** The contract field it holds (a file's column through `columnOf`). */
  readonly field: string;
  readonly value: (record: AllegationRecord) => unknown;
}

/**
 * The contract values the sources' writers derive joined rows from (their entity, contingent,
 * office, force, dates), staged typed beside the native columns. `investigators` is the list in
 * the mapping's native codes, for a source that keeps it in a table of its own.
 */
function contractColumns(mapping: ContractMapping): StagedColumn[] {
  return [
    { name: 'entity', type: 'text', field: 'entity', value: (r) => r.entity },
    { name: 'nationality', type: 'text', field: 'nationality', value: (r) => r.nationality },
    { name: 'category', type: 'text', field: 'personnelCategory', value: (r) => r.personnelCategory },
    { name: 'reported', type: 'text', field: 'reported', value: (r) => r.reported },
    { name: 'incident', type: 'text', field: 'incident', value: (r) => r.incident },
    {
      name: 'investigators',
      type: 'text[]',
      field: 'investigatingEntities',
      value: (r) => r.investigatingEntities.map((e) => nativeValue(mapping.investigatingEntities, e)),
    },
  ];
}

/** The alias of the records' table in a mapping's FROM (`allegation a` → `a`). */
export function recordsAlias(mapping: ContractMapping): string {
  const match = /^\s*([a-z_][a-z0-9_]*)(?:\s+(?:AS\s+)?([a-z_][a-z0-9_]*))?/i.exec(mapping.from);
  const alias = match?.[2];
  return alias === undefined || /^(JOIN|LEFT|RIGHT|INNER|FULL|CROSS|NATURAL|WHERE|ON)$/i.test(alias) ? (match?.[1] ?? '') : alias;
}

/** The records' table of a mapping's FROM (`allegation a JOIN ...` → `allegation`). */
export function recordsTable(mapping: ContractMapping): string {
  return /^\s*([a-z_][a-z0-9_]*)/i.exec(mapping.from)?.[1] ?? '';
}

/** A PostgreSQL array literal of text elements, each quoted (so commas, braces and NULL stay text). */
export function arrayLiteral(values: readonly unknown[]): string {
  return `{${values.map((v) => `"${String(v).replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
}

const COPY_SPECIAL = /[\\\t\n\r]/;

/** A value in COPY's text format: backslash, tab, newline and carriage return escaped. */
export function copyText(value: string): string {
  // Most values need no escape: testing is cheaper than replacing (a profile of a load showed it).
  if (!COPY_SPECIAL.test(value)) return value;
  return value.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c] as string);
}

/** One value as COPY text: `\N` for null, arrays as literals, booleans as t/f. */
function copyValue(type: string, value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  if (type.endsWith('[]')) return copyText(arrayLiteral(value as readonly unknown[]));
  if (typeof value === 'boolean') return value ? 't' : 'f';
  return copyText(String(value));
}

/**
 * The typed columns a mapping's records are staged in: the contract values writers derive from,
 * and every native column the mapping reads straight from the records' table (`directColumns`,
 * the mapping read backwards), prefixed `d_` so the two cannot collide. PostgreSQL checks each
 * value against its type as it is copied, so a writer reads typed values, never JSON.
 */
export class StagedColumns {
  readonly contract: readonly StagedColumn[];
  /** The native columns, named as in the records' table. */
  readonly direct: readonly UpsertColumn[];
  private readonly directValues: (record: AllegationRecord) => Record<string, unknown>;
  private readonly directFields: Readonly<Record<string, string>>;

  constructor(mapping: ContractMapping) {
    this.contract = contractColumns(mapping);
    const direct = directColumns(mapping, recordsAlias(mapping));
    this.direct = direct.columns;
    this.directValues = direct.values;
    this.directFields = direct.fields;
  }

  /**
   * The contract field a column holds: a column of the staging table (`entity`, `d_perpetrators`)
   * or, with `native`, a column of the records' table (`perpetrators`); undefined for a column
   * the writer derives (ids). How an error PostgreSQL raises about a column is told in the
   * file's terms.
   */
  fieldOf(column: string, native = false): string | undefined {
    if (native) return this.directFields[column];
    if (column.startsWith('d_')) return this.directFields[column.slice(2)];
    return this.contract.find((c) => c.name === column)?.field;
  }

  /** `name type` of every staged column, for CREATE TABLE. */
  definitions(): string[] {
    return [...this.contract.map((c) => `${c.name} ${c.type}`), ...this.direct.map((c) => `d_${c.name} ${c.type}`)];
  }

  names(): string[] {
    return [...this.contract.map((c) => c.name), ...this.direct.map((c) => `d_${c.name}`)];
  }

  /** A record's staged values as COPY text, tab-separated, in the order of `names()`. */
  copyRow(record: AllegationRecord): string {
    const native = this.directValues(record);
    return [
      ...this.contract.map((c) => copyValue(c.type, c.value(record))),
      ...this.direct.map((c) => copyValue(c.type, native[c.name])),
    ].join('\t');
  }

  /** The native columns read from the staging table under `alias`, as a SELECT list. */
  directSelect(alias: string): string[] {
    return this.direct.map((c) => `${alias}.d_${c.name}`);
  }
}
