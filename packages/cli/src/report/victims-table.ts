import { LABELS } from '@psea/contract';
import type { Cell, RowKind, TableBuilder, View } from './annex';

/** Victims by sex and age group, the total, then the minors among them (not added to the total). */
export function victimsTable(view: View): TableBuilder {
  const victims = view.total.victims;
  const rows: Cell[][] = [
    ...victimGroupRows(victims),
    ['total victims', victims['total'] ?? 0],
    ['of whom minors (under 18)', victims['minors'] ?? 0],
  ];
  return {
    id: 'victims',
    title: 'Victims by sex and age group',
    columns: ['group', 'victims'],
    rows,
    rowKinds: [...rows.slice(0, 7).map((): RowKind => 'item'), 'total', 'item'],
    note: `${view.total.allegationsInvolvingMinors} allegations involve at least one minor.`,
  };
}

/** The seven victim groups in the order of the UN's tables, each with its count (zeros kept). */
export function victimGroupRows(victims: Readonly<Record<string, number>>): Cell[][] {
  return [
    [LABELS.VictimGroup.WOMEN, victims['women'] ?? 0],
    [LABELS.VictimGroup.GIRLS, victims['girls'] ?? 0],
    [LABELS.VictimGroup.FEMALE_UNKNOWN_AGE, victims['femaleUnknownAge'] ?? 0],
    [LABELS.VictimGroup.MEN, victims['men'] ?? 0],
    [LABELS.VictimGroup.BOYS, victims['boys'] ?? 0],
    [LABELS.VictimGroup.MALE_UNKNOWN_AGE, victims['maleUnknownAge'] ?? 0],
    [LABELS.VictimGroup.UNKNOWN, victims['unknown'] ?? 0],
  ];
}
