import { EntityKind, PersonnelCategory, Source } from './enums';

/** A UN entity or force whose allegations a source publishes. */
export interface EntityDescription {
  readonly code: string;
  readonly name: string;
  readonly source: Source;
  readonly kind: EntityKind;
}

const pko = (code: string, name: string): EntityDescription => ({
  code,
  name,
  source: Source.PEACEKEEPING,
  kind: EntityKind.PEACEKEEPING_OPERATION,
});
const spm = (code: string, name: string): EntityDescription => ({
  code,
  name,
  source: Source.PEACEKEEPING,
  kind: EntityKind.SPECIAL_POLITICAL_MISSION,
});
const agency = (code: string, name: string): EntityDescription => ({
  code,
  name,
  source: Source.AGENCIES,
  kind: EntityKind.AGENCY_FUND_PROGRAMME,
});
const force = (code: string, name: string): EntityDescription => ({
  code,
  name,
  source: Source.NON_UN_FORCES,
  kind: EntityKind.NON_UN_FORCE,
});

/** The entity codes the hub knows, with the source that owns each. */
export const ENTITIES: readonly EntityDescription[] = [
  pko('MINUSCA', 'UN Multidimensional Integrated Stabilization Mission in the Central African Republic'),
  pko('MONUSCO', 'UN Organization Stabilization Mission in the Democratic Republic of the Congo'),
  pko('MINUSTAH', 'UN Stabilization Mission in Haiti'),
  pko('UNMISS', 'UN Mission in South Sudan'),
  pko('UNMIL', 'UN Mission in Liberia'),
  pko('UNOCI', "UN Operation in Côte d'Ivoire"),
  pko('MINUSMA', 'UN Multidimensional Integrated Stabilization Mission in Mali'),
  pko('UNISFA', 'UN Interim Security Force for Abyei'),
  pko('UNIFIL', 'UN Interim Force in Lebanon'),
  pko('UNMIK', 'UN Interim Administration Mission in Kosovo'),
  pko('UNFICYP', 'UN Peacekeeping Force in Cyprus'),
  spm('UNSMIL', 'UN Support Mission in Libya'),
  spm('UNSCO', 'Office of the UN Special Coordinator for the Middle East Peace Process'),
  agency('UNHCR', 'Office of the UN High Commissioner for Refugees'),
  agency('UNICEF', "UN Children's Fund"),
  agency('WFP', 'World Food Programme'),
  agency('UNFPA', 'UN Population Fund'),
  agency('UNDP', 'UN Development Programme'),
  agency('IOM', 'International Organization for Migration'),
  agency('UNRWA', 'UN Relief and Works Agency for Palestine Refugees in the Near East'),
  agency('UNOPS', 'UN Office for Project Services'),
  force('SANGARIS', 'Opération Sangaris (France), Central African Republic'),
  force('EUFOR-RCA', 'European Union Force in the Central African Republic'),
  force('AMISOM', 'African Union Mission in Somalia'),
];

const byCode = new Map(ENTITIES.map((e) => [e.code, e]));

/** The entity with this code, or undefined. Codes are upper case. */
export function findEntity(code: string): EntityDescription | undefined {
  return byCode.get(code);
}

/** Categories of personnel each source may report. */
export const SOURCE_CATEGORIES: Readonly<Record<Source, readonly PersonnelCategory[]>> = {
  [Source.PEACEKEEPING]: [
    PersonnelCategory.MILITARY_CONTINGENT,
    PersonnelCategory.MILITARY_OBSERVER,
    PersonnelCategory.POLICE_INDIVIDUAL,
    PersonnelCategory.POLICE_FPU,
    PersonnelCategory.CIVILIAN_INTERNATIONAL,
    PersonnelCategory.CIVILIAN_NATIONAL,
    PersonnelCategory.UN_VOLUNTEER,
  ],
  [Source.AGENCIES]: [
    PersonnelCategory.STAFF,
    PersonnelCategory.RELATED_PERSONNEL,
    PersonnelCategory.IMPLEMENTING_PARTNER,
    PersonnelCategory.UN_VOLUNTEER,
  ],
  [Source.NON_UN_FORCES]: [PersonnelCategory.NON_UN_FORCE],
};

/** The source name used in URLs, ids and configuration ("non-un-forces"). */
export function sourceSlug(source: Source): string {
  return source.toLowerCase().replace(/_/g, '-');
}

/** Position of a source in the merge order of case pages. */
export function sourceOrdinal(source: Source): number {
  return Object.values(Source).indexOf(source);
}
