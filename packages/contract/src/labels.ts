import { getName, registerLocale } from 'i18n-iso-countries';
import english from 'i18n-iso-countries/langs/en.json';
import {
  ActionActor,
  AllegationType,
  Assistance,
  ContributionStatus,
  EntityKind,
  FinalAction,
  HeadlineLine,
  IncidentYear,
  InterimAction,
  InvestigatingEntity,
  InvestigationStatus,
  MemberStateResponse,
  PaternityStatus,
  PersonnelCategory,
  Source,
  VictimGroup,
} from './enums';
import { findEntity } from './entities';
import { SOURCE_REGISTRY } from './generated/registry';

registerLocale(english);

/**
 * Words for people, for every value of the contract's enums: written once here and used by the
 * report, the dashboard and the command line, in the order the UN's tables list them. The
 * `satisfies` clauses make the compiler refuse an enum value without its words.
 */
export const LABELS = {
  AllegationType: {
    SE: 'sexual exploitation',
    SA: 'sexual abuse',
    OTHER: 'other',
    UNKNOWN: 'unknown',
  } satisfies Record<AllegationType, string>,
  PersonnelCategory: {
    MILITARY_CONTINGENT: 'military (contingent)',
    MILITARY_OBSERVER: 'military (observer, staff officer)',
    POLICE_INDIVIDUAL: 'police (individual)',
    POLICE_FPU: 'police (formed unit)',
    CIVILIAN_INTERNATIONAL: 'civilian (international)',
    CIVILIAN_NATIONAL: 'civilian (national)',
    UN_VOLUNTEER: 'UN volunteer',
    STAFF: 'staff',
    RELATED_PERSONNEL: 'related personnel (consultants, contractors, interns)',
    IMPLEMENTING_PARTNER: 'implementing partner',
    NON_UN_FORCE: 'non-UN force (military)',
    NON_UN_FORCE_POLICE: 'non-UN force (police)',
    NON_UN_FORCE_CIVILIAN: 'non-UN force (civilian)',
  } satisfies Record<PersonnelCategory, string>,
  InvestigatingEntity: {
    OIOS: 'OIOS (Office of Internal Oversight Services)',
    TCC: 'troop-contributing country',
    PCC: 'police-contributing country',
    NIO: 'national investigation officer',
    ENTITY: "the entity's own investigation service",
    MEMBER_STATE: 'Member State',
  } satisfies Record<InvestigatingEntity, string>,
  InvestigationStatus: {
    PRELIMINARY_ASSESSMENT: 'under preliminary assessment',
    UNDER_REVIEW: 'under review (limited information)',
    UNDER_INVESTIGATION: 'under investigation',
    SUBSTANTIATED: 'substantiated',
    NOT_SUBSTANTIATED: 'not substantiated',
    CLOSED_OTHER: 'closed under other circumstances',
  } satisfies Record<InvestigationStatus, string>,
  MemberStateResponse: {
    NONE: 'no response',
    ACKNOWLEDGED: 'acknowledged',
    INVESTIGATING: 'investigating',
    OUTCOME_REPORTED: 'outcome reported',
  } satisfies Record<MemberStateResponse, string>,
  ActionActor: {
    UN: 'the UN',
    MEMBER_STATE: 'the Member State',
  } satisfies Record<ActionActor, string>,
  InterimAction: {
    PAYMENT_SUSPENDED: 'payment suspended',
    REPATRIATED: 'repatriated',
    ADMINISTRATIVE_LEAVE: 'placed on administrative leave',
  } satisfies Record<InterimAction, string>,
  FinalAction: {
    REPATRIATION: 'repatriation',
    DISMISSAL: 'dismissal',
    SEPARATION: 'separation from service',
    BARRED: 'barred from future service',
    JAILED: 'jailed or sentenced',
    OTHER_DISCIPLINARY: 'other disciplinary measure',
    REPRIMAND: 'reprimand',
    PAYMENTS_WITHHELD: 'payments withheld',
    NATIONAL_SANCTIONS: 'national sanctions',
    CHILD_SUPPORT: 'child support',
  } satisfies Record<FinalAction, string>,
  PaternityStatus: {
    NONE: 'no claim',
    PENDING: 'claim pending',
    ESTABLISHED: 'paternity established',
    NOT_ESTABLISHED: 'paternity not established',
  } satisfies Record<PaternityStatus, string>,
  Assistance: {
    MEDICAL: 'medical',
    PSYCHOSOCIAL: 'psychosocial',
    LEGAL: 'legal',
    MATERIAL: 'material',
  } satisfies Record<Assistance, string>,
  IncidentYear: {
    REPORTING_YEAR: 'this year',
    EARLIER_YEAR: 'earlier years',
    UNKNOWN: 'unknown',
  } satisfies Record<IncidentYear, string>,
  HeadlineLine: {
    UN_PERSONNEL: 'UN personnel',
    IMPLEMENTING_PARTNERS: 'implementing partners',
    NON_UN_FORCES: 'non-UN forces',
  } satisfies Record<HeadlineLine, string>,
  VictimGroup: {
    WOMEN: 'women',
    GIRLS: 'girls (under 18)',
    FEMALE_UNKNOWN_AGE: 'female, age unknown',
    MEN: 'men',
    BOYS: 'boys (under 18)',
    MALE_UNKNOWN_AGE: 'male, age unknown',
    UNKNOWN: 'sex and age unknown',
  } satisfies Record<VictimGroup, string>,
  EntityKind: {
    PEACEKEEPING_OPERATION: 'peacekeeping operation',
    SPECIAL_POLITICAL_MISSION: 'special political mission',
    AGENCY_FUND_PROGRAMME: 'agency, fund or programme',
    NON_UN_FORCE: 'non-UN force',
  } satisfies Record<EntityKind, string>,
  ContributionStatus: {
    OK: 'answered',
    EXCLUDED: 'not asked (outside the filter)',
    UNAVAILABLE: 'did not answer',
  } satisfies Record<ContributionStatus, string>,
} as const;

/** The enums that have labels, by GraphQL name. */
export type LabelledEnum = keyof typeof LABELS;

/** Words for an enum value; the value itself when it has none (a newer source's value, say). */
export function enumLabel(enumName: LabelledEnum, value: string): string {
  const words = LABELS[enumName] as Readonly<Record<string, string>>;
  return words[value] ?? value;
}

/**
 * The words the UN uses for the three founding sources; a source registered later is named
 * from its slug ("gender-equality" → "gender equality") until it is given words here.
 */
const SOURCE_WORDS: Readonly<Record<string, string>> = {
  PEACEKEEPING: 'peacekeeping operations and special political missions',
  AGENCIES: 'UN agencies, funds and programmes (with implementing partners)',
  NON_UN_FORCES: 'non-UN forces under a Security Council mandate',
};

/** Words for a source (`Source` value such as NON_UN_FORCES). */
export function sourceLabel(source: Source | string): string {
  return SOURCE_WORDS[source] ?? source.toLowerCase().replace(/_/g, ' ');
}

/** The sources in registry order, with their labels: the order the annex groups entities in. */
export function sourceLabels(): Array<{ source: Source; label: string }> {
  return SOURCE_REGISTRY.map((r) => ({ source: r.source as Source, label: sourceLabel(r.source) }));
}

/** An entity's name from the registry, with its code ("MINUSCA: UN Multidimensional ..."); the code when unknown. */
export function entityLabel(code: string): string {
  const entity = findEntity(code);
  return entity ? `${entity.name} (${entity.code})` : code;
}

/** A nationality (ISO 3166-1 alpha-3) in English words, with its code: "Burundi (BDI)". */
export function nationalityLabel(code: string): string {
  const name = getName(code, 'en');
  return name ? `${name} (${code})` : code;
}

/** A month 'YYYY-MM' as people write it: "March 2016". */
export function monthLabel(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1, 1)).toLocaleString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** A moment as people read it, to the minute, in UTC: "30 November 2026, 12:00 UTC". */
export function dateTimeLabel(iso: string): string {
  const d = new Date(iso);
  const day = d.toLocaleString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  const time = d.toLocaleString('en-GB', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: 'UTC' });
  return `${day}, ${time} UTC`;
}

/**
 * Everything the dashboard and other plain-JavaScript pages need to label values, as one JSON
 * object: enum words, source words, entity names and sources, and nationality names.
 */
export function labelCatalogue(nationalities: readonly string[] = []): Record<string, unknown> {
  return {
    enums: LABELS,
    sources: Object.fromEntries(sourceLabels().map((s) => [s.source, s.label])),
    entities: Object.fromEntries(
      SOURCE_REGISTRY.flatMap((r) => r.entities.map((e) => [e.code, { name: e.name, source: r.source }])),
    ),
    nationalities: Object.fromEntries(nationalities.map((n) => [n, nationalityLabel(n)])),
  };
}
