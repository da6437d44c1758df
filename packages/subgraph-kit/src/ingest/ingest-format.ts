import {
  AllegationRecord,
  AllegationType,
  Assistance,
  FinalAction,
  InterimAction,
  InvestigatingEntity,
  InvestigationStatus,
  MemberStateResponse,
  PaternityStatus,
  PersonnelCategory,
  enumValues,
} from '@psea/contract';
import {
  FormatVersion,
  INVESTIGATORS_COLUMN,
  SINGLE_INVESTIGATOR_COLUMN,
  V2_COLUMNS,
  singleInvestigatorProblems,
  v1Problems,
  v1Record,
  v2Record,
} from './format-versions';

/** One problem in an ingestion file: where, and what was expected. */
export interface CellProblem {
  readonly line: number;
  readonly column: string;
  readonly message: string;
}

type Cells = Readonly<Record<string, string | undefined>>;

interface ColumnSpec {
  readonly name: string;
  /** Whether the header must name it. */
  readonly required: boolean;
  readonly expected: string;
}

const VICTIM_COLUMNS: ReadonlyArray<[string, keyof AllegationRecord['victims']]> = [
  ['victims_women', 'women'],
  ['victims_girls', 'girls'],
  ['victims_female_unknown_age', 'femaleUnknownAge'],
  ['victims_men', 'men'],
  ['victims_boys', 'boys'],
  ['victims_male_unknown_age', 'maleUnknownAge'],
  ['victims_unknown', 'unknown'],
];

const list = (values: readonly string[]) => values.join(', ');

/** The columns of the ingestion format (docs/ingest-format.md), in export order. */
export const COLUMNS: readonly ColumnSpec[] = [
  { name: 'reference', required: true, expected: "the entity's own reference, 1 to 64 characters, unique in the file" },
  { name: 'entity', required: true, expected: 'an entity code of this source, e.g. MINUSCA' },
  { name: 'reported', required: true, expected: "the month the report was received, 'YYYY-MM'" },
  { name: 'incident', required: true, expected: "'YYYY', 'YYYY-MM' or empty" },
  { name: 'allegation_type', required: true, expected: list(enumValues(AllegationType)) },
  { name: 'personnel_category', required: true, expected: 'a category this source reports' },
  { name: 'nationality', required: true, expected: 'ISO 3166-1 alpha-3 for uniformed personnel, empty otherwise' },
  { name: 'perpetrators', required: true, expected: 'a whole number ≥ 0, or empty (unknown)' },
  { name: 'perpetrators_men', required: true, expected: 'a whole number ≥ 0 (empty = 0)' },
  { name: 'perpetrators_women', required: true, expected: 'a whole number ≥ 0 (empty = 0)' },
  ...VICTIM_COLUMNS.map(([name]) => ({ name, required: true, expected: 'a whole number ≥ 0 (empty = 0)' })),
  {
    name: INVESTIGATORS_COLUMN,
    required: true,
    expected: `';'-separated, of ${list(enumValues(InvestigatingEntity))} (two or more for a joint investigation), or empty when none is assigned`,
  },
  { name: 'status', required: true, expected: list(enumValues(InvestigationStatus)) },
  { name: 'investigation_days', required: true, expected: 'a whole number ≥ 0 or empty' },
  { name: 'investigation_started', required: true, expected: "'YYYY-MM' or empty" },
  { name: 'investigation_completed', required: true, expected: "'YYYY-MM' or empty" },
  { name: 'interim_actions', required: true, expected: `';'-separated, of ${list(enumValues(InterimAction))}` },
  { name: 'final_actions', required: true, expected: `';'-separated, of ${list(enumValues(FinalAction))}` },
  { name: 'member_state_actions', required: true, expected: `';'-separated, of ${list(enumValues(FinalAction))}` },
  { name: 'referred_to_member_state', required: true, expected: 'true, false or empty (false)' },
  { name: 'member_state_notified', required: true, expected: "'YYYY-MM' or empty" },
  { name: 'nio_requested', required: true, expected: 'true, false or empty (false)' },
  { name: 'nio_appointed', required: true, expected: 'true, false or empty (false)' },
  {
    name: 'member_state_response',
    required: true,
    expected: `${list(enumValues(MemberStateResponse))} when referred, empty otherwise`,
  },
  { name: 'member_state_last_response', required: true, expected: "'YYYY-MM' or empty" },
  { name: 'paternity', required: true, expected: list(enumValues(PaternityStatus)) },
  { name: 'assistance', required: true, expected: `';'-separated, of ${list(enumValues(Assistance))}` },
  { name: 'criminal_referral', required: true, expected: 'true or false' },
  { name: 'subject_ids', required: false, expected: "';'-separated identifiers, e.g. UNINDEX:123456;PASSPORT:FRA:12AB34567" },
  { name: 'synthetic', required: false, expected: 'true for synthetic records, false or empty for real ones' },
];

/** Columns of older versions only, read and mapped (format-versions.ts), never written. */
const OLDER_COLUMNS: readonly string[] = [SINGLE_INVESTIGATOR_COLUMN];
const KNOWN = new Set([...COLUMNS.map((c) => c.name), ...OLDER_COLUMNS]);

/** Which version a header is in: version 3 has `investigating_entities`; version 2 the columns it added; version 1 none of them. */
function headerVersion(header: readonly string[]): FormatVersion {
  if (header.includes(INVESTIGATORS_COLUMN)) return 3;
  return V2_COLUMNS.some((name) => header.includes(name)) ? 2 : 1;
}

/**
 * Reads a header row: which version of the format the file is in, and its unknown, missing or
 * repeated columns. A header with some of version 2's columns but not all is refused (it is no
 * version), and so is a version-3 header that still has the single `investigating_entity`.
 */
export function readHeader(header: readonly string[]): { version: FormatVersion; problems: CellProblem[] } {
  const problems: CellProblem[] = [];
  const seen = new Set<string>();
  const version = headerVersion(header);
  const added = V2_COLUMNS.filter((name) => header.includes(name));
  for (const name of header) {
    if (!KNOWN.has(name))
      problems.push({
        line: 1,
        column: name,
        message: `unknown column (the columns are ${COLUMNS.map((c) => c.name).join(', ')})`,
      });
    else if (seen.has(name)) problems.push({ line: 1, column: name, message: 'column appears twice' });
    else if (version === 3 && OLDER_COLUMNS.includes(name))
      problems.push({
        line: 1,
        column: name,
        message: `a column of format versions 1 and 2 (one entity): a version-3 file (it has ${INVESTIGATORS_COLUMN}) lists them in ${INVESTIGATORS_COLUMN} only; remove this column`,
      });
    seen.add(name);
  }
  const required = [
    ...COLUMNS.filter((c) => c.required && (version === 3 || c.name !== INVESTIGATORS_COLUMN)).map((c) => c.name),
    ...(version === 3 ? [] : [SINGLE_INVESTIGATOR_COLUMN]),
  ];
  for (const name of required) {
    if (seen.has(name)) continue;
    if (version === 1 && V2_COLUMNS.includes(name)) continue;
    problems.push({
      line: 1,
      column: name,
      message:
        version >= 2 && V2_COLUMNS.includes(name)
          ? `required column is missing: a version-${version} file (it has ${version === 3 ? INVESTIGATORS_COLUMN : added.join(', ')}) needs all of ${V2_COLUMNS.join(', ')}`
          : 'required column is missing',
    });
  }
  return { version, problems };
}

/** Problems with a header row: unknown, missing or repeated columns. */
export function headerProblems(header: readonly string[]): CellProblem[] {
  return readHeader(header).problems;
}

/** What a spreadsheet would run as a formula, once the exporter's apostrophe is in front of it. */
/** Each enumeration's values, listed once rather than on every row. */
const VALUES = {
  allegationType: enumValues(AllegationType),
  personnelCategory: enumValues(PersonnelCategory),
  investigatingEntity: enumValues(InvestigatingEntity),
  investigationStatus: enumValues(InvestigationStatus),
  interimAction: enumValues(InterimAction),
  finalAction: enumValues(FinalAction),
  memberStateResponse: enumValues(MemberStateResponse),
  paternity: enumValues(PaternityStatus),
  assistance: enumValues(Assistance),
} as const;

const ESCAPED_FORMULA = /^'[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/**
 * A cell as it was before `psea export` neutralised it (csv-stringify's `escape_formulas`
 * prefixes an apostrophe to a cell starting with =, +, -, @, tab or CR): the apostrophe goes.
 */
export function recoverFormula(cell: string): string {
  return ESCAPED_FORMULA.test(cell) ? cell.slice(1) : cell;
}

/**
 * Reads one data row into a record of the common form, or says for each cell what was expected.
 * Rules that depend on the source (its entities and categories) are checked by the loader.
 */
export function parseRow(
  cells: Cells,
  line: number,
  version: FormatVersion = 3,
): { record?: AllegationRecord; draft?: AllegationRecord; problems: CellProblem[] } {
  if (version === 1) {
    const refused = [...v1Problems(cells, line), ...singleInvestigatorProblems(cells, line, 1)];
    if (refused.length) return { problems: refused };
    return parseRow(v1Record(cells), line, 2);
  }
  if (version === 2) {
    const refused = singleInvestigatorProblems(cells, line, 2);
    if (refused.length) return { problems: refused };
    return parseRow(v2Record(cells), line, 3);
  }
  const problems: CellProblem[] = [];
  const spec = (name: string) => COLUMNS.find((c) => c.name === name) as ColumnSpec;
  const bad = (name: string, value: string) =>
    problems.push({
      line,
      column: name,
      message: `expected ${spec(name).expected}, got ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`,
    });
  const text = (name: string) => recoverFormula((cells[name] ?? '').trim());
  const oneOf = <T extends string>(name: string, values: readonly T[], optional = false): T | null => {
    const v = text(name);
    if (v === '' && optional) return null;
    if ((values as readonly string[]).includes(v)) return v as T;
    bad(name, v);
    return null;
  };
  const many = <T extends string>(name: string, values: readonly T[]): T[] => {
    const v = text(name);
    if (v === '') return [];
    const items = v.split(';').map((x) => x.trim());
    if (!items.every((x) => (values as readonly string[]).includes(x)) || new Set(items).size !== items.length) {
      bad(name, v);
      return [];
    }
    return items as T[];
  };
  const count = (name: string, emptyIs: number | null): number | null => {
    const v = text(name);
    if (v === '') return emptyIs;
    if (!/^\d{1,6}$/.test(v)) {
      bad(name, v);
      return null;
    }
    return Number(v);
  };
  const bool = (name: string, emptyIs: boolean | null): boolean => {
    const v = text(name).toLowerCase();
    if (v === 'true') return true;
    if (v === 'false') return false;
    if (v === '' && emptyIs !== null) return emptyIs;
    bad(name, text(name));
    return false;
  };

  const reference = text('reference');
  if (reference.length < 1 || reference.length > 64) bad('reference', reference);
  const reported = text('reported');
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(reported)) bad('reported', reported);
  const incident = text('incident');
  if (incident !== '' && !/^\d{4}(-(0[1-9]|1[0-2]))?$/.test(incident)) bad('incident', incident);
  const nationality = text('nationality').toUpperCase();
  if (nationality !== '' && !/^[A-Z]{3}$/.test(nationality)) bad('nationality', text('nationality'));
  const month = (name: string): string | null => {
    const v = text(name);
    if (v === '') return null;
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(v)) bad(name, v);
    return v;
  };
  const referred = bool('referred_to_member_state', false);
  const referral = {
    notified: month('member_state_notified'),
    nioRequested: bool('nio_requested', false),
    nioAppointed: bool('nio_appointed', false),
    response: oneOf('member_state_response', VALUES.memberStateResponse, true),
    lastResponse: month('member_state_last_response'),
  };
  if (referred && referral.response === null) bad('member_state_response', '');
  if (!referred) {
    // Follow-up of a referral that did not happen: the columns contradict each other.
    const claims: Array<[string, boolean]> = [
      ['nio_appointed', referral.nioAppointed],
      ['nio_requested', referral.nioRequested],
      ['member_state_notified', referral.notified !== null],
      ['member_state_response', text('member_state_response') !== ''],
      ['member_state_last_response', referral.lastResponse !== null],
    ];
    for (const [column] of claims.filter(([, claimed]) => claimed))
      problems.push({
        line,
        column,
        message: `contradicts referred_to_member_state=false: ${column === 'nio_appointed' ? 'an NIO appointed without a referral' : 'follow-up of a referral that was not made'}`,
      });
  }
  const victims = Object.fromEntries(
    VICTIM_COLUMNS.map(([column, key]) => [key, count(column, 0) ?? 0]),
  ) as unknown as AllegationRecord['victims'];
  const record: AllegationRecord = {
    reference,
    entity: text('entity').toUpperCase(),
    reported,
    incident: incident === '' ? null : incident,
    allegationType: oneOf('allegation_type', VALUES.allegationType) ?? AllegationType.UNKNOWN,
    personnelCategory: oneOf('personnel_category', VALUES.personnelCategory) ?? PersonnelCategory.STAFF,
    nationality: nationality === '' ? null : nationality,
    perpetrators: count('perpetrators', null),
    perpetratorsMen: count('perpetrators_men', 0) ?? 0,
    perpetratorsWomen: count('perpetrators_women', 0) ?? 0,
    victims,
    investigatingEntities: many(INVESTIGATORS_COLUMN, VALUES.investigatingEntity),
    status: oneOf('status', VALUES.investigationStatus) ?? InvestigationStatus.UNDER_REVIEW,
    investigationDays: count('investigation_days', null),
    investigationStarted: month('investigation_started'),
    investigationCompleted: month('investigation_completed'),
    interimActions: many('interim_actions', VALUES.interimAction),
    finalActions: many('final_actions', VALUES.finalAction),
    memberStateActions: many('member_state_actions', VALUES.finalAction),
    memberStateReferral: referred ? { ...referral, response: referral.response ?? MemberStateResponse.NONE } : null,
    paternity: oneOf('paternity', VALUES.paternity) ?? PaternityStatus.NONE,
    assistance: many('assistance', VALUES.assistance),
    criminalReferral: bool('criminal_referral', null),
    synthetic: bool('synthetic', false),
    ...(cells['subject_ids'] === undefined
      ? {}
      : {
          subjectIds:
            text('subject_ids') === ''
              ? []
              : text('subject_ids')
                  .split(';')
                  .map((x) => x.trim()),
        }),
  };
  // The draft (bad cells replaced by placeholders) lets the loader check the source's own rules
  // too, so a row's problems are all reported at once.
  return problems.length ? { problems, draft: record } : { record, problems };
}

/** The column a field of the common form is written in, for problems found after parsing. */
export function columnOf(field: string): string {
  if (field.startsWith('victims.')) {
    const key = field.slice('victims.'.length);
    return VICTIM_COLUMNS.find(([, k]) => k === key)?.[0] ?? field;
  }
  const map: Record<string, string> = {
    perpetratorsMen: 'perpetrators_men',
    perpetratorsWomen: 'perpetrators_women',
    investigationStarted: 'investigation_started',
    investigationCompleted: 'investigation_completed',
    memberStateActions: 'member_state_actions',
    memberStateReferral: 'referred_to_member_state',
    'memberStateReferral.notified': 'member_state_notified',
    'memberStateReferral.nioRequested': 'nio_requested',
    'memberStateReferral.nioAppointed': 'nio_appointed',
    'memberStateReferral.response': 'member_state_response',
    'memberStateReferral.lastResponse': 'member_state_last_response',
    allegationType: 'allegation_type',
    personnelCategory: 'personnel_category',
    investigatingEntities: INVESTIGATORS_COLUMN,
    investigationDays: 'investigation_days',
    interimActions: 'interim_actions',
    finalActions: 'final_actions',
    criminalReferral: 'criminal_referral',
    subjectIds: 'subject_ids',
  };
  return map[field] ?? field;
}

/** A record as a row of the format (identifiers left out: they are never recoverable). */
export function recordToRow(record: AllegationRecord, withSubjects = false): Record<string, string> {
  const referral = record.memberStateReferral;
  const row: Record<string, string> = {
    reference: record.reference,
    entity: record.entity,
    reported: record.reported,
    incident: record.incident ?? '',
    allegation_type: record.allegationType,
    personnel_category: record.personnelCategory,
    nationality: record.nationality ?? '',
    perpetrators: record.perpetrators === null ? '' : String(record.perpetrators),
    perpetrators_men: String(record.perpetratorsMen),
    perpetrators_women: String(record.perpetratorsWomen),
    ...Object.fromEntries(VICTIM_COLUMNS.map(([column, key]) => [column, String(record.victims[key])])),
    [INVESTIGATORS_COLUMN]: record.investigatingEntities.join(';'),
    status: record.status,
    investigation_days: record.investigationDays === null ? '' : String(record.investigationDays),
    investigation_started: record.investigationStarted ?? '',
    investigation_completed: record.investigationCompleted ?? '',
    interim_actions: record.interimActions.join(';'),
    final_actions: record.finalActions.join(';'),
    member_state_actions: record.memberStateActions.join(';'),
    referred_to_member_state: String(referral !== null),
    member_state_notified: referral?.notified ?? '',
    nio_requested: referral ? String(referral.nioRequested) : '',
    nio_appointed: referral ? String(referral.nioAppointed) : '',
    member_state_response: referral?.response ?? '',
    member_state_last_response: referral?.lastResponse ?? '',
    paternity: record.paternity,
    assistance: record.assistance.join(';'),
    criminal_referral: String(record.criminalReferral),
    synthetic: String(record.synthetic),
  };
  if (withSubjects) row['subject_ids'] = (record.subjectIds ?? []).join(';');
  return row;
}

/** The header of exported files, in order. */
export function exportColumns(withSubjects = false): string[] {
  return COLUMNS.map((c) => c.name).filter((name) => withSubjects || name !== 'subject_ids');
}
