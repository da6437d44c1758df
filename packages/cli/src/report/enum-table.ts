import { LabelledEnum, LABELS, enumLabel } from '@psea/contract';
import type { Cell, RowKind, TableBuilder, View } from './annex';

/** The values of an enum in declaration order (the order the UN's tables use), with their counts; zeros kept. */
function byEnum(view: View, field: string, enumName: LabelledEnum, none?: string): [Cell[][], RowKind[]] {
  const counts = new Map(view.rows.map((r) => [r.key[field] ?? null, r.counts.allegations]));
  const rows: Cell[][] = Object.keys(LABELS[enumName]).map((value) => [enumLabel(enumName, value), counts.get(value) ?? 0]);
  if (none !== undefined && counts.has(null)) rows.push([none, counts.get(null) ?? 0]);
  return [rows, rows.map(() => 'item')];
}

/** A table of one enum dimension, its values in the UN's order, with a total line unless `total` is null. */
export function oneDimension(
  id: string,
  title: string,
  column: string,
  view: View,
  field: string,
  enumName: LabelledEnum,
  total: string | null,
  none?: string,
  note?: string,
): TableBuilder {
  const [rows, kinds] = byEnum(view, field, enumName, none);
  return {
    id,
    title,
    columns: [column, 'allegations'],
    rows: total === null ? rows : [...rows, [total, view.total.allegations]],
    rowKinds: total === null ? kinds : [...kinds, 'total'],
    ...(note ? { note } : {}),
  };
}

/** The note of a table whose rows may count an allegation more than once. */
export const MULTI =
  'An allegation with several actions is counted under each; "none" counts allegations without one. ' +
  'The last line counts allegations, once each, so it is not the sum of the lines above.';
