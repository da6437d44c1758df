import { SOURCE_CATEGORIES, findEntity } from './entities';
import {
  AllegationType,
  Assistance,
  FinalAction,
  InterimAction,
  InvestigatingEntity,
  InvestigationStatus,
  PaternityStatus,
  PersonnelCategory,
  Source,
  UNIFORMED_CATEGORIES,
} from './enums';
import { isMonth } from './period';
import { normalizeIdentifier } from './screening';

/** Victim counts as a source records them; totals are derived, never stored. */
export interface VictimRecord {
  women: number;
  girls: number;
  femaleUnknownAge: number;
  men: number;
  boys: number;
  maleUnknownAge: number;
  unknown: number;
}

/**
 * One allegation in the common form a source loads (the ingestion format, and the reference
 * dataset). Each subgraph maps it onto its own native model.
 */
export interface AllegationRecord {
  reference: string;
  entity: string;
  /** 'YYYY-MM' */
  reported: string;
  /** 'YYYY', 'YYYY-MM' or null */
  incident: string | null;
  allegationType: AllegationType;
  personnelCategory: PersonnelCategory;
  nationality: string | null;
  perpetrators: number | null;
  victims: VictimRecord;
  investigatingEntity: InvestigatingEntity | null;
  status: InvestigationStatus;
  investigationDays: number | null;
  interimActions: InterimAction[];
  finalActions: FinalAction[];
  paternity: PaternityStatus;
  assistance: Assistance[];
  criminalReferral: boolean;
  /**
   * Identifiers of the alleged perpetrators as recorded ('UNINDEX:123456',
   * 'PASSPORT:FRA:12AB34567', ...). Pseudonymised when loaded; never stored in clear. Absent
   * when a file carries no identifiers: the pseudonyms already held are then kept.
   */
  subjectIds?: string[];
  synthetic: boolean;
}

/** One problem with a record: which field, and what was expected. */
export interface RecordProblem {
  field: keyof AllegationRecord | `victims.${keyof VictimRecord}`;
  expected: string;
}

/** Checks the rules of the common form that a source must enforce before writing a record. */
export function recordProblems(record: AllegationRecord, source: Source): RecordProblem[] {
  const problems: RecordProblem[] = [];
  const entity = findEntity(record.entity);
  if (!/^[\x21-\x7e][\x20-\x7e]{0,63}$/.test(record.reference)) {
    problems.push({ field: 'reference', expected: 'printable text of 1 to 64 characters' });
  }
  if (!entity || entity.source !== source) {
    problems.push({ field: 'entity', expected: `an entity code of the ${source} source` });
  }
  if (!isMonth(record.reported)) problems.push({ field: 'reported', expected: "a month 'YYYY-MM'" });
  if (record.incident !== null && !/^\d{4}(-(0[1-9]|1[0-2]))?$/.test(record.incident)) {
    problems.push({ field: 'incident', expected: "'YYYY', 'YYYY-MM' or empty" });
  }
  if (!SOURCE_CATEGORIES[source].includes(record.personnelCategory)) {
    problems.push({ field: 'personnelCategory', expected: `one of ${SOURCE_CATEGORIES[source].join(', ')}` });
  }
  const uniformed = UNIFORMED_CATEGORIES.includes(record.personnelCategory);
  if (uniformed && (record.nationality === null || !/^[A-Z]{3}$/.test(record.nationality))) {
    problems.push({ field: 'nationality', expected: 'an ISO 3166-1 alpha-3 code for uniformed personnel' });
  }
  if (!uniformed && record.nationality !== null) {
    problems.push({ field: 'nationality', expected: 'empty: nationality is published for uniformed personnel only' });
  }
  const counts: Array<[RecordProblem['field'], number | null]> = [
    ['perpetrators', record.perpetrators],
    ['investigationDays', record.investigationDays],
    ...Object.entries(record.victims).map(
      ([k, v]) => [`victims.${k}` as RecordProblem['field'], v] as [RecordProblem['field'], number],
    ),
  ];
  for (const raw of record.subjectIds ?? []) {
    try {
      normalizeIdentifier(raw);
    } catch {
      problems.push({
        field: 'subjectIds',
        expected: 'UNINDEX:<number>, PASSPORT:<country>:<number> or NATID:<country>:<number>',
      });
    }
  }
  for (const [field, value] of counts) {
    if (value !== null && !(Number.isInteger(value) && value >= 0 && value <= 100000)) {
      problems.push({ field, expected: 'a whole number from 0 to 100000' });
    }
  }
  return problems;
}
