import { FinalAction, InvestigatingEntity, enumValues } from '@psea/contract';
import type { CellProblem } from './ingest-format';

/**
 * Versions of the ingestion format (docs/ingest-format.md). Version 2 added the Member State
 * referral as a fact of its own, the actor of final actions, the investigation's months and the
 * perpetrators by sex; version 3 made the investigating entity a list (joint investigations).
 * Older files are still read, mapped as documented, or refused with how to convert them, never
 * misread.
 */
export type FormatVersion = 1 | 2 | 3;

/** The column of versions 1 and 2 that held one investigating entity. */
export const SINGLE_INVESTIGATOR_COLUMN = 'investigating_entity';
/** The column of version 3 that holds the list: a file with it is version 3. */
export const INVESTIGATORS_COLUMN = 'investigating_entities';

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
 * Rows of a version-1 or version-2 file whose investigating entity cannot be read as one value.
 * A list there (a joint investigation written with ';' or ',') is refused with how to convert,
 * never read as an unknown value or as its first item.
 */
export function singleInvestigatorProblems(cells: Cells, line: number, version: 1 | 2): CellProblem[] {
  const value = (cells[SINGLE_INVESTIGATOR_COLUMN] ?? '').trim();
  const values: readonly string[] = enumValues(InvestigatingEntity);
  if (value === '' || values.includes(value)) return [];
  const list = /[;,]/.test(value);
  return [
    {
      line,
      column: SINGLE_INVESTIGATOR_COLUMN,
      message: list
        ? `a list of investigating entities (${JSON.stringify(value)}) needs format version 3: this file is version ${version}, ` +
          `whose ${SINGLE_INVESTIGATOR_COLUMN} holds one entity. Rename the column ${INVESTIGATORS_COLUMN} ` +
          `and separate the entities with ';' (docs/ingest-format.md, "Converting to version 3")`
        : `expected one of ${values.join(', ')} or empty, got ${JSON.stringify(value.slice(0, 40))}`,
    },
  ];
}

/** A version-2 row as the version-3 row it means: its one investigating entity becomes a list of one (or none). */
export function v2Record(cells: Cells): Record<string, string> {
  // Copied key by key, not spread: this runs once per row of files of a million rows.
  const row: Record<string, string> = {};
  for (const name in cells) {
    const value = cells[name];
    if (value !== undefined && name !== SINGLE_INVESTIGATOR_COLUMN) row[name] = value;
  }
  row[INVESTIGATORS_COLUMN] = (cells[SINGLE_INVESTIGATOR_COLUMN] ?? '').trim();
  return row;
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
  const row: Record<string, string> = {};
  for (const name in cells) {
    const value = cells[name];
    if (value !== undefined) row[name] = value;
  }
  for (const [name, value] of V1_DEFAULTS) row[name] = value;
  row['final_actions'] = finalActions.filter((a) => !MEMBER_STATE_ACTIONS_OF_V1.includes(a)).join(';');
  row['member_state_actions'] = finalActions.filter((a) => MEMBER_STATE_ACTIONS_OF_V1.includes(a)).join(';');
  return row;
}

/** What a version-1 row means in the columns version 2 added (apart from the actions, split above). */
const V1_DEFAULTS: ReadonlyArray<[string, string]> = [
  ['perpetrators_men', '0'],
  ['perpetrators_women', '0'],
  ['investigation_started', ''],
  ['investigation_completed', ''],
  ['referred_to_member_state', 'false'],
  ['member_state_notified', ''],
  ['nio_requested', ''],
  ['nio_appointed', ''],
  ['member_state_response', ''],
  ['member_state_last_response', ''],
];
