import {
  AllegationRecord,
  AllegationType,
  Assistance,
  FinalAction,
  InterimAction,
  InvestigatingEntity as IE,
  InvestigationStatus as S,
  PaternityStatus,
  PersonnelCategory as P,
  Source,
  UNIFORMED_CATEGORIES,
  assert,
} from '@psea/contract';
import { addCrossSourceSubjects } from './cross-source-subjects';
import { addFollowUp } from './follow-up';
import { addJointInvestigations } from './joint-investigations';
import { PLANS, UN_SYSTEM_VICTIMS_2016, YearPlan } from './plans';
import { Random } from './random';
import { adjustVictims, drawVictims, victimTotal } from './synthetic-victims';

/** The fixed seed of the reference dataset. Changing it changes every synthetic record. */
export const REFERENCE_SEED = 20170228;

export { SYNTHETIC_NOTICE } from '@psea/contract';

/** Troop- and police-contributing countries the synthetic records draw from. */
export const TROOP_CONTRIBUTORS: readonly string[] = [
  'BGD',
  'PAK',
  'IND',
  'NPL',
  'RWA',
  'ETH',
  'EGY',
  'SEN',
  'GHA',
  'NGA',
  'MAR',
  'TZA',
  'ZAF',
  'BDI',
  'COG',
  'GAB',
  'CMR',
  'URY',
  'LKA',
  'JOR',
];
const FORCE_STATES: Record<string, string[]> = {
  SANGARIS: ['FRA'],
  'EUFOR-RCA': ['FRA', 'GEO', 'ESP', 'POL'],
  AMISOM: ['UGA', 'BDI', 'KEN', 'ETH', 'DJI'],
};

function expand<T extends string>(allocation: Readonly<Partial<Record<T, number>>>): T[] {
  return (Object.entries(allocation) as Array<[T, number]>).flatMap(([value, n]) => Array<T>(n).fill(value));
}

function investigatingEntity(rng: Random, source: Source, category: P): IE {
  if (source === Source.NON_UN_FORCES) return IE.MEMBER_STATE;
  if (source === Source.AGENCIES) return rng.chance(0.85) ? IE.ENTITY : IE.OIOS;
  if (category === P.MILITARY_CONTINGENT)
    return rng.weighted([
      [IE.TCC, 6],
      [IE.NIO, 3],
      [IE.OIOS, 1],
    ] as const);
  if (category === P.POLICE_FPU)
    return rng.weighted([
      [IE.PCC, 3],
      [IE.OIOS, 2],
    ] as const);
  return IE.OIOS;
}

function drawStatus(rng: Random, year: number): S {
  const closedWeight = year <= 2016 ? 8 : 4;
  return rng.weighted([
    [S.SUBSTANTIATED, closedWeight * 0.35],
    [S.NOT_SUBSTANTIATED, closedWeight * 0.3],
    [S.CLOSED_OTHER, closedWeight * 0.1],
    [S.UNDER_INVESTIGATION, 3],
    [S.PRELIMINARY_ASSESSMENT, year <= 2016 ? 0.3 : 1],
    [S.UNDER_REVIEW, 0.6],
  ] as const);
}

function drawOpenStatus(rng: Random): S {
  return rng.weighted([
    [S.UNDER_INVESTIGATION, 6],
    [S.PRELIMINARY_ASSESSMENT, 1],
    [S.UNDER_REVIEW, 1],
  ] as const);
}

/** Final actions of a substantiated allegation, by actor: the UN repatriates and bars, the State jails. */
function finalActions(rng: Random, status: S, uniformed: boolean): Pick<AllegationRecord, 'finalActions' | 'memberStateActions'> {
  if (status !== S.SUBSTANTIATED) return { finalActions: [], memberStateActions: [] };
  if (uniformed) {
    return rng.chance(0.3)
      ? { finalActions: [FinalAction.REPATRIATION], memberStateActions: [FinalAction.JAILED] }
      : { finalActions: [FinalAction.REPATRIATION, FinalAction.BARRED], memberStateActions: [] };
  }
  return {
    finalActions: [rng.pick([FinalAction.DISMISSAL, FinalAction.SEPARATION, FinalAction.OTHER_DISCIPLINARY]), FinalAction.BARRED],
    memberStateActions: [],
  };
}

function planRecords(rng: Random, plan: YearPlan): AllegationRecord[] {
  const entities = rng.shuffle(expand(plan.entities));
  const categories = rng.shuffle(expand(plan.categories));
  const fixed = expand((plan.fixedStatuses ?? {}) as Partial<Record<S, number>>);
  assert(entities.length === plan.total, `${plan.source} ${plan.year}: entities add up to ${entities.length}, not ${plan.total}`);
  assert(
    categories.length === plan.total,
    `${plan.source} ${plan.year}: categories add up to ${categories.length}, not ${plan.total}`,
  );
  const perEntitySeq = new Map<string, number>();

  // Reporting months in order, so references and months rise together as in a real register.
  const months = Array.from({ length: plan.total }, () => rng.int(1, 12)).sort((a, b) => a - b);
  return entities.map((entity, i) => {
    const category = categories[i] as P;
    const month = months[i] as number;
    const reported = `${plan.year}-${String(month).padStart(2, '0')}`;
    const seq = (perEntitySeq.get(entity) ?? 0) + 1;
    perEntitySeq.set(entity, seq);
    // Where completed investigations were published, every other one is still open.
    const status = i < fixed.length ? (fixed[i] as S) : fixed.length ? drawOpenStatus(rng) : drawStatus(rng, plan.year);
    const completed = [S.SUBSTANTIATED, S.NOT_SUBSTANTIATED, S.CLOSED_OTHER].includes(status);
    const uniformed = UNIFORMED_CATEGORIES.includes(category);
    const victims = drawVictims(rng);
    const incidentMonth = Math.max(1, month - rng.int(0, 4));
    return {
      reference: `${entity}-${plan.year}-${String(seq).padStart(4, '0')}`,
      entity,
      reported,
      incident: rng.weighted([
        [`${plan.year}-${String(incidentMonth).padStart(2, '0')}`, 6],
        [String(plan.year - rng.int(0, 1)), 2],
        [null, 2],
      ] as const),
      allegationType: rng.weighted([
        [AllegationType.SA, 5],
        [AllegationType.SE, 5],
      ] as const),
      personnelCategory: category,
      nationality: uniformed
        ? rng.pick(plan.source === Source.NON_UN_FORCES ? (FORCE_STATES[entity] ?? ['FRA']) : TROOP_CONTRIBUTORS)
        : null,
      perpetratorsMen: 0,
      perpetratorsWomen: 0,
      perpetrators: rng.chance(0.15)
        ? null
        : rng.weighted([
            [1, 12],
            [2, 3],
            [3, 1],
            [5, 0.3],
          ] as const),
      victims,
      investigatingEntities: status === S.PRELIMINARY_ASSESSMENT ? [] : [investigatingEntity(rng, plan.source, category)],
      status,
      investigationDays: completed ? rng.int(30, 420) : null,
      investigationStarted: null,
      investigationCompleted: null,
      memberStateReferral: null,
      interimActions: rng.chance(0.4)
        ? [rng.pick([InterimAction.PAYMENT_SUSPENDED, InterimAction.REPATRIATED, InterimAction.ADMINISTRATIVE_LEAVE])]
        : [],
      ...finalActions(rng, status, uniformed),
      paternity: rng.weighted([
        [PaternityStatus.NONE, 20],
        [PaternityStatus.PENDING, 2],
        [PaternityStatus.ESTABLISHED, 1],
        [PaternityStatus.NOT_ESTABLISHED, 1],
      ] as const),
      assistance:
        victimTotal(victims) > 0
          ? [Assistance.MEDICAL, Assistance.PSYCHOSOCIAL, Assistance.LEGAL, Assistance.MATERIAL].filter(() => rng.chance(0.5))
          : [],
      criminalReferral: status === S.SUBSTANTIATED && rng.chance(0.5),
      subjectIds: syntheticSubjects(rng, plan.source, entity, uniformed ? category : null),
      synthetic: true,
    };
  });
}

/**
 * Invented identifiers of alleged perpetrators (one each, none for unknown): UN index numbers
 * for UN personnel, passports for members of other forces and uniformed contingents. They
 * follow no real numbering.
 */
function syntheticSubjects(rng: Random, source: Source, entity: string, uniformedCategory: P | null): string[] {
  if (rng.chance(0.2)) return [];
  if (source === Source.NON_UN_FORCES || uniformedCategory === P.MILITARY_CONTINGENT || uniformedCategory === P.POLICE_FPU) {
    const country = source === Source.NON_UN_FORCES ? (FORCE_STATES[entity]?.[0] ?? 'FRA') : rng.pick(TROOP_CONTRIBUTORS);
    return [`PASSPORT:${country}:S${rng.int(10_000_000, 99_999_999)}`];
  }
  return [`UNINDEX:${rng.int(9_000_000, 9_999_999)}`];
}

/**
 * The reference dataset: synthetic records for 2015-2017 that add up exactly to the published
 * totals. Deterministic: the same seed gives byte-identical records.
 */
export function referenceDataset(seed = REFERENCE_SEED): Map<Source, AllegationRecord[]> {
  const rng = new Random(seed);
  const bySource = new Map<Source, AllegationRecord[]>(Object.values(Source).map((s) => [s, []]));
  const unSystem2016: AllegationRecord[] = [];
  for (const plan of PLANS) {
    const records = planRecords(rng, plan);
    bySource.get(plan.source)?.push(...records);
    if (plan.year === 2016 && plan.source !== Source.NON_UN_FORCES) unSystem2016.push(...records);
  }
  adjustVictims(rng, unSystem2016, UN_SYSTEM_VICTIMS_2016);
  addCrossSourceSubjects(bySource);
  // A stream of its own, so the fields of format version 2 leave every earlier figure as it was.
  addFollowUp(new Random(seed + 1), bySource);
  // And one for joint investigations, added after investigating entities became a list.
  addJointInvestigations(new Random(seed + 2), bySource);
  return bySource;
}

/** The reference records of one source. */
export function referenceRecords(source: Source, seed = REFERENCE_SEED): AllegationRecord[] {
  return referenceDataset(seed).get(source) ?? [];
}
