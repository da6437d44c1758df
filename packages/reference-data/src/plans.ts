import { PersonnelCategory as P, Source } from '@psea/contract';

/**
 * What the reference dataset must add up to, per source and year. The totals are the published
 * ones (DOMAIN.md); the spread over entities and categories is synthetic where no figure was
 * published, and marked so below.
 */
export interface YearPlan {
  readonly source: Source;
  readonly year: number;
  /** Published total of allegations. */
  readonly total: number;
  /** Allegations per entity code; sums to `total`. Published where noted, else synthetic. */
  readonly entities: Readonly<Record<string, number>>;
  /** Allegations per category of personnel; sums to `total`. */
  readonly categories: Readonly<Partial<Record<P, number>>>;
  /** Exact statuses to use for some allegations (published figures); the rest are drawn. */
  readonly fixedStatuses?: Readonly<Record<string, number>>;
  readonly note: string;
}

export const PLANS: readonly YearPlan[] = [
  {
    source: Source.PEACEKEEPING,
    year: 2015,
    total: 69,
    // Published: MINUSCA 22, MONUSCO 16, MINUSTAH 9; the other 22 are spread synthetically.
    entities: { MINUSCA: 22, MONUSCO: 16, MINUSTAH: 9, UNMISS: 6, UNMIL: 6, UNOCI: 5, MINUSMA: 3, UNIFIL: 1, UNMIK: 1 },
    // Published: 38 military, 16 police, 15 civilians or volunteers.
    categories: {
      [P.MILITARY_CONTINGENT]: 34,
      [P.MILITARY_OBSERVER]: 4,
      [P.POLICE_INDIVIDUAL]: 10,
      [P.POLICE_FPU]: 6,
      [P.CIVILIAN_INTERNATIONAL]: 7,
      [P.CIVILIAN_NATIONAL]: 5,
      [P.UN_VOLUNTEER]: 3,
    },
    // Published: 7 substantiated and 10 not substantiated of 17 completed by 31 January 2016.
    fixedStatuses: { SUBSTANTIATED: 7, NOT_SUBSTANTIATED: 10 },
    note: '69 allegations in peacekeeping in 2015 (published)',
  },
  {
    source: Source.AGENCIES,
    year: 2015,
    total: 30,
    entities: { UNHCR: 8, UNICEF: 4, WFP: 4, UNFPA: 1, UNDP: 3, IOM: 5, UNRWA: 3, UNOPS: 2 },
    categories: { [P.STAFF]: 12, [P.RELATED_PERSONNEL]: 5, [P.IMPLEMENTING_PARTNER]: 12, [P.UN_VOLUNTEER]: 1 },
    note: '99 UN-system allegations in 2015 less 69 in peacekeeping (published)',
  },
  {
    source: Source.PEACEKEEPING,
    year: 2016,
    total: 103,
    // Published: MINUSCA 52. Some sources give 104 for the peacekeeping total; 103 is used.
    entities: {
      MINUSCA: 52,
      MONUSCO: 18,
      MINUSTAH: 8,
      UNMISS: 7,
      UNMIL: 5,
      UNOCI: 5,
      MINUSMA: 4,
      UNISFA: 1,
      UNIFIL: 1,
      UNMIK: 1,
      UNSMIL: 1,
    },
    // Published for the UN system: 80 involved peacekeepers (uniformed), 65 civilians.
    categories: {
      [P.MILITARY_CONTINGENT]: 62,
      [P.MILITARY_OBSERVER]: 4,
      [P.POLICE_INDIVIDUAL]: 8,
      [P.POLICE_FPU]: 6,
      [P.CIVILIAN_INTERNATIONAL]: 10,
      [P.CIVILIAN_NATIONAL]: 9,
      [P.UN_VOLUNTEER]: 4,
    },
    note: '103 allegations in peacekeeping operations and special political missions in 2016 (published; some sources say 104)',
  },
  {
    source: Source.AGENCIES,
    year: 2016,
    total: 42,
    entities: { UNHCR: 10, UNICEF: 5, WFP: 6, UNFPA: 2, UNDP: 4, IOM: 7, UNRWA: 5, UNOPS: 3 },
    categories: { [P.STAFF]: 14, [P.RELATED_PERSONNEL]: 6, [P.IMPLEMENTING_PARTNER]: 20, [P.UN_VOLUNTEER]: 2 },
    note: '42 allegations in other UN entities and implementing partners in 2016 (published)',
  },
  {
    source: Source.NON_UN_FORCES,
    year: 2016,
    total: 20,
    entities: { SANGARIS: 11, 'EUFOR-RCA': 4, AMISOM: 5 },
    categories: { [P.NON_UN_FORCE]: 20 },
    note: '20 allegations for non-UN forces under a Security Council mandate in 2016 (published; one briefing says 18)',
  },
  {
    source: Source.PEACEKEEPING,
    year: 2017,
    total: 62,
    // Published: MINUSCA 19.
    entities: { MINUSCA: 19, MONUSCO: 12, MINUSTAH: 8, UNMISS: 7, UNMIL: 5, MINUSMA: 6, UNOCI: 2, UNIFIL: 1, UNISFA: 2 },
    // Published: 41 involving military, 10 police, 11 civilians.
    categories: {
      [P.MILITARY_CONTINGENT]: 37,
      [P.MILITARY_OBSERVER]: 4,
      [P.POLICE_INDIVIDUAL]: 6,
      [P.POLICE_FPU]: 4,
      [P.CIVILIAN_INTERNATIONAL]: 5,
      [P.CIVILIAN_NATIONAL]: 4,
      [P.UN_VOLUNTEER]: 2,
    },
    note: '62 allegations in peacekeeping in 2017 (published)',
  },
  {
    source: Source.AGENCIES,
    year: 2017,
    total: 75,
    entities: { UNHCR: 18, UNICEF: 9, WFP: 10, UNFPA: 3, UNDP: 8, IOM: 12, UNRWA: 10, UNOPS: 5 },
    // Published: 25 of the 75 involved implementing partners.
    categories: { [P.STAFF]: 30, [P.RELATED_PERSONNEL]: 17, [P.IMPLEMENTING_PARTNER]: 25, [P.UN_VOLUNTEER]: 3 },
    note: '75 allegations in other UN entities in 2017, 25 of them implementing partners (published)',
  },
  {
    source: Source.NON_UN_FORCES,
    year: 2017,
    total: 1,
    entities: { AMISOM: 1 },
    categories: { [P.NON_UN_FORCE]: 1 },
    note: '1 allegation for non-UN forces in 2017 (published)',
  },
];

/** Victims known in the UN system (peacekeeping + agencies) in 2016: "at least 311". */
export const UN_SYSTEM_VICTIMS_2016 = 311;
