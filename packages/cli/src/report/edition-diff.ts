import { findEntity } from '@psea/contract';
import type { Annex, Cell, Table } from './annex';
import type { Edition } from './edition-verify';

/** One figure that differs between two editions, and where the change came from. */
export interface FigureChange {
  readonly table: string;
  /** The row's labels, e.g. ['PEACEKEEPING'] or ['PEACEKEEPING', 'MINUSCA']. */
  readonly row: string[];
  readonly column: string;
  readonly before: number | null;
  readonly after: number | null;
  /** Sources whose data changed between the editions and that this row can include. */
  readonly sources: string[];
  /** Entities of those sources whose own figures changed, and that this row can include. */
  readonly entities: string[];
}

/** Columns that hold figures; every other column labels the row. */
const FIGURES = new Set([
  'allegations',
  'victims',
  'referred',
  'no response',
  'acknowledged',
  'investigating',
  'outcome reported',
]);

/** The tables of an edition, from its JSON file. */
export function editionTables(edition: Edition): Annex {
  const json = Object.keys(edition.files).find((f) => f.endsWith('.json'));
  if (!json) throw new Error(`edition ${edition.folder} has no JSON tables`);
  return JSON.parse(edition.files[json] as string) as Annex;
}

function figures(table: Table): Map<string, { row: string[]; values: Map<string, number | null> }> {
  const labels = table.columns.map((c, i) => (FIGURES.has(c) ? -1 : i)).filter((i) => i >= 0);
  const out = new Map<string, { row: string[]; values: Map<string, number | null> }>();
  for (const cells of table.rows) {
    const row = labels.map((i) => String(cells[i] ?? ''));
    const values = new Map<string, number | null>();
    table.columns.forEach((c, i) => {
      if (FIGURES.has(c)) values.set(c, typeof cells[i] === 'number' ? (cells[i] as number) : null);
    });
    out.set(JSON.stringify(row), { row, values });
  }
  return out;
}

/** Entities whose row of the by-entity table changed: the finest place a publication names. */
function changedEntities(a: Annex, b: Annex): Map<string, string> {
  const count = (annex: Annex) => {
    const table = annex.tables.find((t) => t.id === 'by-entity');
    // The columns by name: the table's layout (names, subtotals) is the report's to change.
    const [entity, allegations] = ['entity', 'allegations'].map((c) => table?.columns.indexOf(c) ?? -1) as [number, number];
    return new Map((table?.rows ?? []).map((r: Cell[]) => [String(r[entity]), Number(r[allegations])]));
  };
  const [before, after] = [count(a), count(b)];
  const changed = new Map<string, string>();
  for (const entity of new Set([...before.keys(), ...after.keys()])) {
    const source = findEntity(entity)?.source;
    if (source && before.get(entity) !== after.get(entity)) changed.set(entity, source);
  }
  return changed;
}

/**
 * Every figure that differs between two editions of the same report, each with the sources whose
 * data version changed and that its row can include (a row labelled with a source includes that
 * source only), and the entities of those sources whose published figures changed.
 */
export function diffEditions(a: Edition, b: Edition): FigureChange[] {
  const [ta, tb] = [editionTables(a), editionTables(b)];
  const versions = (e: Edition) => new Map(e.manifest.sources.map((s) => [s.source, s.dataVersion]));
  const [va, vb] = [versions(a), versions(b)];
  const sources = [...new Set([...va.keys(), ...vb.keys()])].filter((s) => va.get(s) !== vb.get(s));
  const entities = changedEntities(ta, tb);
  const changes: FigureChange[] = [];
  for (const table of tb.tables) {
    const before = figures(ta.tables.find((t) => t.id === table.id) ?? { ...table, rows: [] });
    const after = figures(table);
    for (const key of new Set([...before.keys(), ...after.keys()])) {
      const row = (after.get(key) ?? before.get(key))?.row ?? [];
      for (const column of table.columns.filter((c) => FIGURES.has(c))) {
        const [x, y] = [before.get(key)?.values.get(column) ?? null, after.get(key)?.values.get(column) ?? null];
        if (x === y) continue;
        const namedSources = sources.filter((s) => row.includes(s));
        const namedEntities = [...entities.keys()].filter((e) => row.includes(e));
        const rowSources = namedEntities.length
          ? [...new Set(namedEntities.map((e) => entities.get(e) as string))]
          : namedSources.length
            ? namedSources
            : sources;
        changes.push({
          table: table.id,
          row,
          column,
          before: x,
          after: y,
          sources: rowSources,
          entities: namedEntities.length
            ? namedEntities
            : [...entities.entries()].filter(([, s]) => rowSources.includes(s)).map(([e]) => e),
        });
      }
    }
  }
  return changes;
}

/** One line per changed figure, as `psea report diff` prints it. */
export function renderFigureChange(c: FigureChange): string {
  const from = c.sources.length
    ? ` (from ${c.sources.join(', ')}${c.entities.length ? `: ${c.entities.join(', ')}` : ''})`
    : ' (no source changed its data: the editions differ otherwise)';
  return `${c.table} | ${c.row.filter((l) => l !== '').join(' | ')} | ${c.column}: ${c.before ?? '-'} → ${c.after ?? '-'}${from}`;
}

/**
 * The quarters of the report's period that entities closed or reopened between two editions, one
 * line per entity and change, sorted: `submission peacekeeping MINUSCA: closed 2016Q4`.
 */
export function submissionChanges(
  a: ReadonlyArray<{ entity: string; quarters: string[] }>,
  b: ReadonlyArray<{ entity: string; quarters: string[] }>,
): string[] {
  const open = (list: typeof a) => new Map(list.map((u) => [u.entity, new Set(u.quarters)]));
  const [before, after] = [open(a), open(b)];
  const lines: string[] = [];
  for (const entity of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const [x, y] = [before.get(entity) ?? new Set<string>(), after.get(entity) ?? new Set<string>()];
    const closed = [...x].filter((q) => !y.has(q)).sort();
    const reopened = [...y].filter((q) => !x.has(q)).sort();
    const source = findEntity(entity)?.source ?? '?';
    if (closed.length) lines.push(`submission ${source} ${entity}: closed ${closed.join(', ')}`);
    if (reopened.length) lines.push(`submission ${source} ${entity}: reopened ${reopened.join(', ')}`);
  }
  return lines;
}
