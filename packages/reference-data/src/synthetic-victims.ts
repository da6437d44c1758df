import type { AllegationRecord, VictimRecord } from '@psea/contract';
import type { Random } from './random';

/** A record's victims: none to four, mostly women and girls, as counts by sex and age group. */
export function drawVictims(rng: Random): VictimRecord {
  const v: VictimRecord = { women: 0, girls: 0, femaleUnknownAge: 0, men: 0, boys: 0, maleUnknownAge: 0, unknown: 0 };
  const n = rng.weighted([
    [0, 1],
    [1, 10],
    [2, 5],
    [3, 2],
    [4, 1],
  ] as const);
  for (let i = 0; i < n; i++) addVictim(rng, v);
  return v;
}

function addVictim(rng: Random, v: VictimRecord): void {
  const group = rng.weighted([
    ['women', 45],
    ['girls', 35],
    ['femaleUnknownAge', 8],
    ['boys', 4],
    ['men', 2],
    ['maleUnknownAge', 1],
    ['unknown', 5],
  ] as const);
  v[group] += 1;
}

export function victimTotal(v: VictimRecord): number {
  return v.women + v.girls + v.femaleUnknownAge + v.men + v.boys + v.maleUnknownAge + v.unknown;
}

/** Adds or removes victims at random until the UN-system 2016 records count exactly `target`. */
export function adjustVictims(rng: Random, records: AllegationRecord[], target: number): void {
  let total = records.reduce((s, r) => s + victimTotal(r.victims), 0);
  while (total < target) {
    addVictim(rng, rng.pick(records).victims);
    total++;
  }
  while (total > target) {
    const r = rng.pick(records.filter((x) => victimTotal(x.victims) > 1));
    const groups = (Object.keys(r.victims) as Array<keyof VictimRecord>).filter((k) => r.victims[k] > 0);
    r.victims[rng.pick(groups)] -= 1;
    total--;
  }
}
