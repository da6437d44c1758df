import { findEntity, sourceLabels } from '@psea/contract';
import type { Cell, RowKind, TableBuilder, View } from './annex';

/** Allegations by source, every registered source listed (zeros included), with the total. */
export function bySource(view: View): TableBuilder {
  const counts = new Map(view.rows.map((r) => [r.key['source'], r.counts.allegations]));
  return {
    id: 'by-source',
    title: 'Allegations by source',
    columns: ['source', 'allegations'],
    rows: [...sourceLabels().map((s): Cell[] => [s.label, counts.get(s.source) ?? 0]), ['total', view.total.allegations]],
    rowKinds: [...sourceLabels().map((): RowKind => 'item'), 'total'],
  };
}

/** Entities grouped under their source (registry order), each group with its subtotal, as the SG's annexes set them out. */
export function byEntity(view: View): TableBuilder {
  const rows: Cell[][] = [];
  const kinds: RowKind[] = [];
  for (const { source, label } of sourceLabels()) {
    const mine = view.rows
      .filter((r) => findEntity(String(r.key['entity']))?.source === source)
      .sort((a, b) => String(a.key['entity']).localeCompare(String(b.key['entity'])));
    if (!mine.length) continue;
    for (const r of mine) {
      const code = String(r.key['entity']);
      rows.push([label, code, findEntity(code)?.name ?? code, r.counts.allegations]);
      kinds.push('item');
    }
    rows.push([label, 'subtotal', '', mine.reduce((s, r) => s + r.counts.allegations, 0)]);
    kinds.push('subtotal');
  }
  const unknown = view.rows.filter((r) => !findEntity(String(r.key['entity'])));
  for (const r of unknown) {
    rows.push(['not registered', String(r.key['entity'] ?? 'not recorded'), '', r.counts.allegations]);
    kinds.push('item');
  }
  rows.push(['all sources', 'total', '', view.total.allegations]);
  kinds.push('total');
  return {
    id: 'by-entity',
    title: 'Allegations by source and entity',
    columns: ['source', 'entity', 'name', 'allegations'],
    rows,
    rowKinds: kinds,
  };
}
