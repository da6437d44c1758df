import { sourceLabels } from '@psea/contract';
import type { Cell, TableBuilder, View } from './annex';

/** Every year of the trend, zeros included: a year without allegations is a fact, not a gap. */
export function trend(view: View, years: number[]): TableBuilder {
  const counts = new Map(view.rows.map((r) => [Number(r.key['year']), r.counts.allegations]));
  const rows: Cell[][] = years.map((y) => [y, counts.get(y) ?? 0]);
  return {
    id: 'trend',
    title: `Trend, ${years[0]}-${years[years.length - 1]}`,
    columns: ['year', 'allegations'],
    rows,
    rowKinds: rows.map(() => 'item'),
    note: 'Every year of the period is listed; 0 means no source holds an allegation received that year. No total: years are not added up.',
  };
}

/** Every year for every source, zeros included. */
export function trendBySource(view: View, years: number[]): TableBuilder {
  const counts = new Map(view.rows.map((r) => [`${r.key['year']}:${r.key['source']}`, r.counts.allegations]));
  const rows: Cell[][] = years.flatMap((y) => sourceLabels().map((s) => [y, s.label, counts.get(`${y}:${s.source}`) ?? 0]));
  return {
    id: 'trend-by-source',
    title: `Trend by source, ${years[0]}-${years[years.length - 1]}`,
    columns: ['year', 'source', 'allegations'],
    rows,
    rowKinds: rows.map(() => 'item'),
    note: 'Every year and every source is listed, zeros included.',
  };
}
