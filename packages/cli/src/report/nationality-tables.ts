import { LABELS, enumLabel, nationalityLabel } from '@psea/contract';
import type { Cell, RowKind, TableBuilder, View } from './annex';

/** Allegations involving uniformed personnel by nationality, alphabetically, with the total. */
export function byNationality(view: View): TableBuilder {
  return {
    id: 'by-nationality',
    title: 'Allegations involving uniformed personnel, by nationality',
    columns: ['nationality', 'allegations'],
    rows: [
      ...view.rows
        .map((r): Cell[] => [
          r.key['nationality'] == null ? 'not recorded' : nationalityLabel(String(r.key['nationality'])),
          r.counts.allegations,
        ])
        .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
      ['total', view.total.allegations],
    ],
    rowKinds: [...view.rows.map((): RowKind => 'item'), 'total'],
    note: 'Nationality is published for uniformed personnel (military and police) only.',
  };
}

/** Referrals to Member States for action, and the States' responses, by nationality of the uniformed personnel. */
export function referralsByNationality(view: View): TableBuilder {
  const responses = Object.keys(LABELS.MemberStateResponse);
  const byNationality = new Map<string, number[]>();
  for (const row of view.rows) {
    const response = row.key['memberStateResponse'];
    if (response === null || response === undefined) continue;
    const nationality = row.key['nationality'] == null ? 'not recorded' : nationalityLabel(String(row.key['nationality']));
    const counts = (byNationality.get(nationality) ?? responses.map(() => 0)).map((n, i) =>
      responses[i] === response ? n + row.counts.allegations : n,
    );
    byNationality.set(nationality, counts);
  }
  const rows: Cell[][] = [...byNationality.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([nationality, counts]) => [nationality, counts.reduce((s, n) => s + n, 0), ...counts]);
  const totals = responses.map((_, i) => rows.reduce((s, r) => s + Number(r[i + 2]), 0));
  return {
    id: 'referrals-by-nationality',
    title: 'Referrals to Member States for action, and their responses, by nationality of uniformed personnel',
    columns: ['nationality', 'referred', ...responses.map((r) => enumLabel('MemberStateResponse', r))],
    rows: [...rows, ['total', totals.reduce((s, n) => s + n, 0), ...totals]],
    rowKinds: [...rows.map((): RowKind => 'item'), 'total'],
  };
}
