import { FinalAction } from '@psea/contract';
import type { CellProblem } from './ingest-format';

/**
 * Versions of the ingestion format (docs/ingest-format.md). Version 2 added the Member State
 * referral as a fact of its own, the actor of final actions, the investigation's months and the
 * perpetrators by sex; version 1 files are still read, mapped as documented, or refused with
 * how to convert them, never misread.
 */
export type FormatVersion = 1 | 2;

/** The columns version 2 added: a file has all of them (version 2) or none (version 1). */
export const V2_COLUMNS: readonly string[] = [
  'perpetrators_men',
  'perpetrators_women',
  'investigation_started',
  'investigation_completed',
  'member_state_actions',
  'referred_to_member_state',
  'member_state_notified',
  'nio_requested',
  'nio_appointed',
  'member_state_response',
  'member_state_last_response',
];

type Cells = Readonly<Record<string, string | undefined>>;

/** Final actions a version-1 file lists that the Member State, not the UN, takes. */
const MEMBER_STATE_ACTIONS_OF_V1: readonly string[] = [FinalAction.JAILED];

/**
 * Rows of a version-1 file that cannot be mapped without guessing. Its status
 * REFERRED_TO_MEMBER_STATE hid the investigation status the allegation had: version 2 needs
 * both, so such a row is refused with how to write it.
 */
export function v1Problems(cells: Cells, line: number): CellProblem[] {
  if ((cells['status'] ?? '').trim() !== 'REFERRED_TO_MEMBER_STATE') return [];
  return [
    {
      line,
      column: 'status',
      message:
        'REFERRED_TO_MEMBER_STATE is a status of format version 1 only: referral is not an investigation status. ' +
        'Convert the file to version 2: write the investigation status in status, true in referred_to_member_state, ' +
        'and the Member State follow-up columns (docs/ingest-format.md, "Converting a version-1 file")',
    },
  ];
}

/**
 * A version-1 row as the version-2 row it means: jail moves to the Member State's actions (the
 * UN does not jail), the other final actions stay the UN's; no referral, no investigation months,
 * perpetrators of unknown sex.
 */
export function v1Record(cells: Cells): Record<string, string> {
  const finalActions = (cells['final_actions'] ?? '')
    .split(';')
    .map((x) => x.trim())
    .filter((x) => x !== '');
  const byUn = finalActions.filter((a) => !MEMBER_STATE_ACTIONS_OF_V1.includes(a));
  const byState = finalActions.filter((a) => MEMBER_STATE_ACTIONS_OF_V1.includes(a));
  const row: Record<string, string> = {};
  for (const [name, value] of Object.entries(cells)) if (value !== undefined) row[name] = value;
  return {
    ...row,
    final_actions: byUn.join(';'),
    member_state_actions: byState.join(';'),
    perpetrators_men: '0',
    perpetrators_women: '0',
    investigation_started: '',
    investigation_completed: '',
    referred_to_member_state: 'false',
    member_state_notified: '',
    nio_requested: '',
    nio_appointed: '',
    member_state_response: '',
    member_state_last_response: '',
  };
}
