import {
  AllegationRecord,
  FinalAction,
  InvestigatingEntity as IE,
  InvestigationStatus as S,
  MemberStateResponse as R,
  PersonnelCategory as P,
  Source,
  UNIFORMED_CATEGORIES,
  nextMonth,
} from '@psea/contract';
import type { Random } from './random';

function addMonths(month: string, n: number): string {
  let m = month;
  for (let i = 0; i < n; i++) m = nextMonth(m);
  return m;
}

/** The month a number of days after the first day of a month. */
function monthAfterDays(month: string, days: number): string {
  const date = new Date(`${month}-01T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 7);
}

const OPEN_UNSTARTED: readonly S[] = [S.PRELIMINARY_ASSESSMENT, S.UNDER_REVIEW];
const COMPLETED: readonly S[] = [S.SUBSTANTIATED, S.NOT_SUBSTANTIATED, S.CLOSED_OTHER];
const STATE_INVESTIGATORS: readonly IE[] = [IE.TCC, IE.PCC, IE.NIO, IE.MEMBER_STATE];

/** Sex of each alleged perpetrator: mostly men, as the quarterly updates report ("80 men, 4 women, 4 unknown"). */
function perpetratorSexes(rng: Random, record: AllegationRecord): void {
  for (let i = 0; i < (record.perpetrators ?? 0); i++) {
    const sex = rng.weighted([
      ['men', 88],
      ['women', 5],
      ['unknown', 7],
    ] as const);
    if (sex === 'men') record.perpetratorsMen++;
    if (sex === 'women') record.perpetratorsWomen++;
  }
}

/** Months the investigation started and ended, consistent with its duration in days. */
function timeline(rng: Random, record: AllegationRecord): void {
  if (OPEN_UNSTARTED.includes(record.status)) return;
  const started = addMonths(record.reported, rng.int(0, 2));
  record.investigationStarted = started;
  if (COMPLETED.includes(record.status) && record.investigationDays !== null) {
    record.investigationCompleted = monthAfterDays(started, record.investigationDays);
  }
}

/**
 * Referral to the Member State for uniformed personnel investigated by their State (or whose
 * allegation was substantiated), with the State's follow-up. Synthetic, like every record.
 */
function referral(rng: Random, record: AllegationRecord): void {
  const uniformed = UNIFORMED_CATEGORIES.includes(record.personnelCategory);
  const byState = record.investigatingEntities.some((e) => STATE_INVESTIGATORS.includes(e));
  if (!uniformed || !(byState || record.status === S.SUBSTANTIATED)) return;
  const notified = addMonths(record.reported, rng.int(0, 1));
  const nioRequested = record.personnelCategory === P.MILITARY_CONTINGENT || record.personnelCategory === P.POLICE_FPU;
  const response = rng.weighted([
    [R.NONE, 3],
    [R.ACKNOWLEDGED, 3],
    [R.INVESTIGATING, 3],
    [R.OUTCOME_REPORTED, COMPLETED.includes(record.status) ? 5 : 1],
  ] as const);
  record.memberStateReferral = {
    notified,
    nioRequested,
    nioAppointed: nioRequested && rng.chance(0.7),
    response,
    lastResponse: response === R.NONE ? null : addMonths(notified, rng.int(1, 8)),
  };
  if (record.status === S.SUBSTANTIATED && response === R.OUTCOME_REPORTED && rng.chance(0.4)) {
    record.memberStateActions = [...new Set([...record.memberStateActions, FinalAction.NATIONAL_SANCTIONS])];
  }
}

/**
 * Members of non-UN forces are military, police or civilians (resolution 2272): the first record
 * of each force's year becomes police and the second civilian (whose State is not published).
 */
function nonUnServices(records: AllegationRecord[]): void {
  const seen = new Map<string, number>();
  for (const record of records) {
    const key = `${record.entity}|${record.reported.slice(0, 4)}`;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    if (n === 2) record.personnelCategory = P.NON_UN_FORCE_POLICE;
    if (n === 3) {
      record.personnelCategory = P.NON_UN_FORCE_CIVILIAN;
      record.nationality = null;
    }
  }
}

/**
 * The fields of format version 2 (perpetrators by sex, the investigation's months, referral to
 * the Member State and its response), drawn after every other field so that the figures the
 * dataset was built to reproduce do not move.
 */
export function addFollowUp(rng: Random, bySource: Map<Source, AllegationRecord[]>): void {
  nonUnServices(bySource.get(Source.NON_UN_FORCES) ?? []);
  for (const source of Object.values(Source)) {
    for (const record of bySource.get(source) ?? []) {
      perpetratorSexes(rng, record);
      timeline(rng, record);
      referral(rng, record);
    }
  }
}
