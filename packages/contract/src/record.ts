import { ENTITIES, SOURCE_CATEGORIES, findEntity, sourceSlug } from './entities';
import {
  AllegationType,
  Assistance,
  FinalAction,
  InterimAction,
  InvestigatingEntity,
  InvestigationStatus,
  MemberStateResponse,
  PaternityStatus,
  PersonnelCategory,
  Source,
  UNIFORMED_CATEGORIES,
} from './enums';
import { isMonth } from './period';

const INVESTIGATING_ENTITIES: readonly string[] = Object.values(InvestigatingEntity);
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
 * Referral of an allegation to the Member State (the troop- or police-contributing country, or
 * the State of a non-UN force): a fact of its own, on top of the investigation status.
 */
export interface MemberStateReferralRecord {
  /** 'YYYY-MM' the UN notified the State; null when not recorded (records migrated from a status). */
  notified: string | null;
  /** The UN asked the State to appoint a national investigation officer. */
  nioRequested: boolean;
  nioAppointed: boolean;
  response: MemberStateResponse;
  /** 'YYYY-MM' of the State's last response; null when it has not responded. */
  lastResponse: string | null;
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
  /** Alleged perpetrators known to be men, and women; the rest of `perpetrators` are of unknown sex. */
  perpetratorsMen: number;
  perpetratorsWomen: number;
  victims: VictimRecord;
  /**
   * Every entity investigating the allegation: empty when none is assigned yet; two or more for
   * a joint investigation (e.g. the TCC with OIOS, or the mission's own investigators with the
   * NIO). No entity twice; order carries no meaning (sources return the enum's order).
   */
  investigatingEntities: InvestigatingEntity[];
  status: InvestigationStatus;
  investigationDays: number | null;
  /** 'YYYY-MM' the investigation started, or null (not started, or not recorded). */
  investigationStarted: string | null;
  /** 'YYYY-MM' the investigation was completed, or null. */
  investigationCompleted: string | null;
  interimActions: InterimAction[];
  /** Final actions taken by the UN. */
  finalActions: FinalAction[];
  /** Final actions taken by the Member State (jail, national sanctions, child support, ...). */
  memberStateActions: FinalAction[];
  /** Null when the allegation was not referred to a Member State for action. */
  memberStateReferral: MemberStateReferralRecord | null;
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
  field: keyof AllegationRecord | `victims.${keyof VictimRecord}` | `memberStateReferral.${keyof MemberStateReferralRecord}`;
  expected: string;
  /** What the record holds there, when saying it helps the user find the mistake. */
  got?: string;
}

/** Checks the rules of the common form that a source must enforce before writing a record. */
export function recordProblems(record: AllegationRecord, source: Source): RecordProblem[] {
  const problems: RecordProblem[] = [];
  const entity = findEntity(record.entity);
  if (!/^[\x21-\x7e][\x20-\x7e]{0,63}$/.test(record.reference)) {
    problems.push({ field: 'reference', expected: 'printable text of 1 to 64 characters' });
  }
  if (!entity || entity.source !== source) {
    // In the user's terms: the source's name as they type it, and the codes it accepts.
    const codes = ENTITIES.filter((e) => e.source === source).map((e) => e.code);
    problems.push({
      field: 'entity',
      expected: `one of the ${sourceSlug(source)} source's entity codes (${codes.join(', ')})${entity ? `: ${entity.code} belongs to the ${sourceSlug(entity.source)} source` : ''}`,
      got: record.entity,
    });
  }
  if (!isMonth(record.reported)) problems.push({ field: 'reported', expected: "a month 'YYYY-MM'" });
  if (record.incident !== null && !/^\d{4}(-(0[1-9]|1[0-2]))?$/.test(record.incident)) {
    problems.push({ field: 'incident', expected: "'YYYY', 'YYYY-MM' or empty" });
  }
  if (!SOURCE_CATEGORIES[source].includes(record.personnelCategory)) {
    problems.push({
      field: 'personnelCategory',
      expected: `one of the categories the ${sourceSlug(source)} source reports: ${SOURCE_CATEGORIES[source].join(', ')}`,
      got: record.personnelCategory,
    });
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
    ['perpetratorsMen', record.perpetratorsMen],
    ['perpetratorsWomen', record.perpetratorsWomen],
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
  const known = (record.perpetratorsMen ?? 0) + (record.perpetratorsWomen ?? 0);
  if (known > 0 && (record.perpetrators === null || known > record.perpetrators)) {
    problems.push({ field: 'perpetratorsMen', expected: 'men and women together at most the number of perpetrators' });
  }
  if (!record.investigatingEntities.every((e) => INVESTIGATING_ENTITIES.includes(e))) {
    problems.push({ field: 'investigatingEntities', expected: `each of ${INVESTIGATING_ENTITIES.join(', ')}` });
  } else if (new Set(record.investigatingEntities).size !== record.investigatingEntities.length) {
    problems.push({ field: 'investigatingEntities', expected: 'each investigating entity at most once' });
  }
  problems.push(...timelineProblems(record));
  for (const [field, value] of counts) {
    if (value !== null && !(Number.isInteger(value) && value >= 0 && value <= 100000)) {
      problems.push({ field, expected: 'a whole number from 0 to 100000' });
    }
  }
  return problems;
}

/**
 * The dates of a record must agree with each other, and the referral columns with each other:
 * an NIO appointed without being requested, or a response without a referral, is a
 * contradiction, not a value to guess about.
 */
function timelineProblems(record: AllegationRecord): RecordProblem[] {
  const problems: RecordProblem[] = [];
  const month = (field: RecordProblem['field'], value: string | null): value is string => {
    if (value === null) return false;
    if (isMonth(value)) return true;
    problems.push({ field, expected: "a month 'YYYY-MM' or empty" });
    return false;
  };
  const started = month('investigationStarted', record.investigationStarted);
  const completed = month('investigationCompleted', record.investigationCompleted);
  if (started && record.investigationStarted! < record.reported) {
    problems.push({ field: 'investigationStarted', expected: 'a month not before the month reported' });
  }
  if (completed && (!started || record.investigationCompleted! < record.investigationStarted!)) {
    problems.push({
      field: 'investigationCompleted',
      expected: 'a month not before the investigation started (which must be given)',
    });
  }
  const referral = record.memberStateReferral;
  if (referral === null) return problems;
  const notified = month('memberStateReferral.notified', referral.notified);
  const responded = month('memberStateReferral.lastResponse', referral.lastResponse);
  if (notified && referral.notified! < record.reported) {
    problems.push({ field: 'memberStateReferral.notified', expected: 'a month not before the month reported' });
  }
  if (referral.nioAppointed && !referral.nioRequested) {
    problems.push({ field: 'memberStateReferral.nioAppointed', expected: 'false unless an NIO was requested' });
  }
  if ((referral.response === MemberStateResponse.NONE) === responded) {
    problems.push({
      field: 'memberStateReferral.lastResponse',
      expected: 'a month when the State responded, and empty when its response is NONE',
    });
  }
  if (responded && notified && referral.lastResponse! < referral.notified!) {
    problems.push({ field: 'memberStateReferral.lastResponse', expected: 'a month not before the State was notified' });
  }
  return problems;
}
