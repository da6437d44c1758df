import { registerEnumType } from 'type-graphql';
import { Source } from './generated/registry';

export { Source };

export enum EntityKind {
  PEACEKEEPING_OPERATION = 'PEACEKEEPING_OPERATION',
  SPECIAL_POLITICAL_MISSION = 'SPECIAL_POLITICAL_MISSION',
  AGENCY_FUND_PROGRAMME = 'AGENCY_FUND_PROGRAMME',
  NON_UN_FORCE = 'NON_UN_FORCE',
}

export enum AllegationType {
  SE = 'SE',
  SA = 'SA',
  OTHER = 'OTHER',
  UNKNOWN = 'UNKNOWN',
}

export enum PersonnelCategory {
  MILITARY_CONTINGENT = 'MILITARY_CONTINGENT',
  MILITARY_OBSERVER = 'MILITARY_OBSERVER',
  POLICE_INDIVIDUAL = 'POLICE_INDIVIDUAL',
  POLICE_FPU = 'POLICE_FPU',
  CIVILIAN_INTERNATIONAL = 'CIVILIAN_INTERNATIONAL',
  CIVILIAN_NATIONAL = 'CIVILIAN_NATIONAL',
  UN_VOLUNTEER = 'UN_VOLUNTEER',
  STAFF = 'STAFF',
  RELATED_PERSONNEL = 'RELATED_PERSONNEL',
  IMPLEMENTING_PARTNER = 'IMPLEMENTING_PARTNER',
  /** Military members of a non-UN force, or members whose service was not recorded (before format version 2). */
  NON_UN_FORCE = 'NON_UN_FORCE',
  /** Police members of a non-UN force (Security Council resolution 2272). */
  NON_UN_FORCE_POLICE = 'NON_UN_FORCE_POLICE',
  /** Civilian members of a non-UN force: not uniformed, so their nationality is not published. */
  NON_UN_FORCE_CIVILIAN = 'NON_UN_FORCE_CIVILIAN',
}

/** Categories whose nationality is published (uniformed personnel). */
export const UNIFORMED_CATEGORIES: readonly PersonnelCategory[] = [
  PersonnelCategory.MILITARY_CONTINGENT,
  PersonnelCategory.MILITARY_OBSERVER,
  PersonnelCategory.POLICE_INDIVIDUAL,
  PersonnelCategory.POLICE_FPU,
  PersonnelCategory.NON_UN_FORCE,
  PersonnelCategory.NON_UN_FORCE_POLICE,
];

export enum InvestigatingEntity {
  OIOS = 'OIOS',
  TCC = 'TCC',
  PCC = 'PCC',
  NIO = 'NIO',
  ENTITY = 'ENTITY',
  MEMBER_STATE = 'MEMBER_STATE',
}

export enum InvestigationStatus {
  PRELIMINARY_ASSESSMENT = 'PRELIMINARY_ASSESSMENT',
  UNDER_REVIEW = 'UNDER_REVIEW',
  UNDER_INVESTIGATION = 'UNDER_INVESTIGATION',
  SUBSTANTIATED = 'SUBSTANTIATED',
  NOT_SUBSTANTIATED = 'NOT_SUBSTANTIATED',
  CLOSED_OTHER = 'CLOSED_OTHER',
}

/**
 * What a Member State did after the UN referred an allegation to it (notified it, asked for a
 * national investigation officer). Referral is a fact of its own, not an investigation status.
 */
export enum MemberStateResponse {
  NONE = 'NONE',
  ACKNOWLEDGED = 'ACKNOWLEDGED',
  INVESTIGATING = 'INVESTIGATING',
  OUTCOME_REPORTED = 'OUTCOME_REPORTED',
}

/** Who took a final action: the UN (dismissal, barring, ...) or the Member State (jail, sanctions, ...). */
export enum ActionActor {
  UN = 'UN',
  MEMBER_STATE = 'MEMBER_STATE',
}

export enum InterimAction {
  PAYMENT_SUSPENDED = 'PAYMENT_SUSPENDED',
  REPATRIATED = 'REPATRIATED',
  ADMINISTRATIVE_LEAVE = 'ADMINISTRATIVE_LEAVE',
}

export enum FinalAction {
  REPATRIATION = 'REPATRIATION',
  DISMISSAL = 'DISMISSAL',
  SEPARATION = 'SEPARATION',
  BARRED = 'BARRED',
  JAILED = 'JAILED',
  OTHER_DISCIPLINARY = 'OTHER_DISCIPLINARY',
  REPRIMAND = 'REPRIMAND',
  PAYMENTS_WITHHELD = 'PAYMENTS_WITHHELD',
  NATIONAL_SANCTIONS = 'NATIONAL_SANCTIONS',
  CHILD_SUPPORT = 'CHILD_SUPPORT',
}

export enum PaternityStatus {
  NONE = 'NONE',
  PENDING = 'PENDING',
  ESTABLISHED = 'ESTABLISHED',
  NOT_ESTABLISHED = 'NOT_ESTABLISHED',
}

export enum Assistance {
  MEDICAL = 'MEDICAL',
  PSYCHOSOCIAL = 'PSYCHOSOCIAL',
  LEGAL = 'LEGAL',
  MATERIAL = 'MATERIAL',
}

/** The year of the incident relative to the year the report was received, as the quarterly updates publish it. */
export enum IncidentYear {
  REPORTING_YEAR = 'REPORTING_YEAR',
  EARLIER_YEAR = 'EARLIER_YEAR',
  UNKNOWN = 'UNKNOWN',
}

/** The headline lines of the quarterly updates and the annual report. */
export enum HeadlineLine {
  UN_PERSONNEL = 'UN_PERSONNEL',
  IMPLEMENTING_PARTNERS = 'IMPLEMENTING_PARTNERS',
  NON_UN_FORCES = 'NON_UN_FORCES',
}

/** Victims are only ever published as counts by sex and age group. */
export enum VictimGroup {
  WOMEN = 'WOMEN',
  GIRLS = 'GIRLS',
  FEMALE_UNKNOWN_AGE = 'FEMALE_UNKNOWN_AGE',
  MEN = 'MEN',
  BOYS = 'BOYS',
  MALE_UNKNOWN_AGE = 'MALE_UNKNOWN_AGE',
  UNKNOWN = 'UNKNOWN',
}

/** Dimensions statistics can be grouped by. */
export enum Dimension {
  SOURCE = 'SOURCE',
  ENTITY = 'ENTITY',
  YEAR = 'YEAR',
  QUARTER = 'QUARTER',
  MONTH = 'MONTH',
  ALLEGATION_TYPE = 'ALLEGATION_TYPE',
  PERSONNEL_CATEGORY = 'PERSONNEL_CATEGORY',
  NATIONALITY = 'NATIONALITY',
  INVESTIGATION_STATUS = 'INVESTIGATION_STATUS',
  /**
   * An allegation counts once for each entity investigating it (a joint investigation, e.g. TCC
   * with OIOS, under both), so the rows count investigation-entity pairs and may add up to more
   * than the total, which counts each allegation once; those with none under null.
   */
  INVESTIGATING_ENTITY = 'INVESTIGATING_ENTITY',
  PATERNITY = 'PATERNITY',
  /** An allegation counts once for each interim action taken; those with none under null. */
  INTERIM_ACTION = 'INTERIM_ACTION',
  /** An allegation counts once for each final action taken; those with none under null. */
  FINAL_ACTION = 'FINAL_ACTION',
  /** The Member State's response; null: not referred to a Member State for action. */
  MEMBER_STATE_RESPONSE = 'MEMBER_STATE_RESPONSE',
  /**
   * Who took final actions. Alone, an allegation counts once for each actor that took one; with
   * FINAL_ACTION, once for each action, under its actor. Null: no final action.
   */
  ACTION_ACTOR = 'ACTION_ACTOR',
  /** The incident's year relative to the reporting year: this year, earlier years, unknown. */
  INCIDENT_YEAR = 'INCIDENT_YEAR',
  /** UN personnel, implementing partners, non-UN forces. */
  HEADLINE_LINE = 'HEADLINE_LINE',
}

/** Dimensions whose values are lists: an allegation may fall in several rows, or in the null row. */
export const LIST_DIMENSIONS: readonly Dimension[] = [
  Dimension.INVESTIGATING_ENTITY,
  Dimension.INTERIM_ACTION,
  Dimension.FINAL_ACTION,
  Dimension.ACTION_ACTOR,
];

/** How a source answered its part of a system-wide request. */
export enum ContributionStatus {
  OK = 'OK',
  /** The filter excludes this source, so it was not asked. */
  EXCLUDED = 'EXCLUDED',
  /** The source could not be reached or did not answer in time. */
  UNAVAILABLE = 'UNAVAILABLE',
}

const enums: Array<[object, string, string]> = [
  [Source, 'Source', 'A data owner publishing its allegations as a subgraph'],
  [EntityKind, 'EntityKind', 'Kind of UN entity or force'],
  [AllegationType, 'AllegationType', 'SE: sexual exploitation; SA: sexual abuse'],
  [PersonnelCategory, 'PersonnelCategory', 'Category of personnel involved'],
  [InvestigatingEntity, 'InvestigatingEntity', 'Entity investigating the allegation'],
  [InvestigationStatus, 'InvestigationStatus', 'Status of the investigation'],
  [InterimAction, 'InterimAction', 'Interim action taken pending investigation'],
  [FinalAction, 'FinalAction', 'Final action on a substantiated allegation'],
  [MemberStateResponse, 'MemberStateResponse', 'Response of the Member State an allegation was referred to'],
  [ActionActor, 'ActionActor', 'Who took a final action: the UN or the Member State'],
  [PaternityStatus, 'PaternityStatus', 'Paternity or child-support claim'],
  [Assistance, 'Assistance', 'Assistance the victims were referred to'],
  [VictimGroup, 'VictimGroup', 'Victims by sex and age group'],
  [IncidentYear, 'IncidentYear', 'Year of the incident relative to the reporting year'],
  [HeadlineLine, 'HeadlineLine', 'Headline line of the quarterly updates'],
  [Dimension, 'Dimension', 'A dimension statistics can be grouped by'],
  [ContributionStatus, 'ContributionStatus', 'How a source answered its part of a request'],
];
for (const [enumObject, name, description] of enums) {
  registerEnumType(enumObject, { name, description });
}

/** The values of every enum of the contract, by GraphQL name (for error messages). */
export const ENUM_VALUES: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  enums.map(([enumObject, name]) => [name, Object.values(enumObject) as string[]]),
);

/** The values of a string enum, in declaration order. */
export function enumValues<T extends string>(e: Record<string, T>): T[] {
  return Object.values(e);
}
