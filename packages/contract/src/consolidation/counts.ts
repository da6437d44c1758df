import type { AllegationCounts } from '../types/allegation-counts.type';
import type { VictimCounts } from '../types/victim-counts.type';
import { addTimeliness, zeroTimeliness } from '../timeliness';

/** The victim groups a source counts; `total` and `minors` are derived from them. */
export const VICTIM_GROUPS = ['women', 'girls', 'femaleUnknownAge', 'men', 'boys', 'maleUnknownAge', 'unknown'] as const;
export type VictimGroup = (typeof VICTIM_GROUPS)[number];

/** Victim counts from the seven groups, with the total and the minors derived. */
export function victimCounts(groups: Readonly<Record<VictimGroup, number>>): VictimCounts {
  const counts = zeroVictims();
  for (const g of VICTIM_GROUPS) counts[g] = groups[g];
  counts.total = VICTIM_GROUPS.reduce((s, g) => s + groups[g], 0);
  counts.minors = groups.girls + groups.boys;
  return counts;
}

export function zeroVictims(): VictimCounts {
  return { women: 0, girls: 0, femaleUnknownAge: 0, men: 0, boys: 0, maleUnknownAge: 0, unknown: 0, total: 0, minors: 0 };
}

export function zeroCounts(): AllegationCounts {
  return {
    allegations: 0,
    victims: zeroVictims(),
    allegationsInvolvingMinors: 0,
    perpetrators: 0,
    perpetratorsMen: 0,
    perpetratorsWomen: 0,
    perpetratorsUnknownSex: 0,
    allegationsWithUnknownPerpetrators: 0,
    allegationsReferredToMemberState: 0,
    syntheticAllegations: 0,
    timeliness: zeroTimeliness(),
  };
}

/** The counts of two disjoint sets of allegations. */
export function addCounts(a: AllegationCounts, b: AllegationCounts): AllegationCounts {
  const x = a.victims;
  const y = b.victims;
  // Written out rather than looped over keys: the system view adds thousands of rows per request.
  const victims: VictimCounts = {
    women: x.women + y.women,
    girls: x.girls + y.girls,
    femaleUnknownAge: x.femaleUnknownAge + y.femaleUnknownAge,
    men: x.men + y.men,
    boys: x.boys + y.boys,
    maleUnknownAge: x.maleUnknownAge + y.maleUnknownAge,
    unknown: x.unknown + y.unknown,
    total: x.total + y.total,
    minors: x.minors + y.minors,
  };
  return {
    allegations: a.allegations + b.allegations,
    victims,
    allegationsInvolvingMinors: a.allegationsInvolvingMinors + b.allegationsInvolvingMinors,
    perpetrators: a.perpetrators + b.perpetrators,
    perpetratorsMen: a.perpetratorsMen + b.perpetratorsMen,
    perpetratorsWomen: a.perpetratorsWomen + b.perpetratorsWomen,
    perpetratorsUnknownSex: a.perpetratorsUnknownSex + b.perpetratorsUnknownSex,
    allegationsWithUnknownPerpetrators: a.allegationsWithUnknownPerpetrators + b.allegationsWithUnknownPerpetrators,
    allegationsReferredToMemberState: a.allegationsReferredToMemberState + b.allegationsReferredToMemberState,
    syntheticAllegations: a.syntheticAllegations + b.syntheticAllegations,
    timeliness: addTimeliness(a.timeliness, b.timeliness),
  };
}
