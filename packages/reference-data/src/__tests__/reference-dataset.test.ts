import { AllegationRecord, PersonnelCategory, Source, UNIFORMED_CATEGORIES, recordProblems } from '@psea/contract';
import { referenceDataset } from '../index';
import { UN_SYSTEM_VICTIMS_2016 } from '../plans';

const dataset = referenceDataset();
const all = [...dataset.entries()].flatMap(([source, records]) => records.map((r) => ({ source, ...r })));
const count = (predicate: (r: AllegationRecord & { source: Source }) => boolean) => all.filter(predicate).length;
const year = (y: number) => (r: AllegationRecord) => r.reported.startsWith(`${y}-`);
const victims = (r: AllegationRecord) => Object.values(r.victims).reduce((s, n) => s + n, 0);

describe('reference dataset', () => {
  it('adds up to the published 2016 figures', () => {
    expect(count((r) => year(2016)(r) && r.source === Source.PEACEKEEPING)).toBe(103);
    expect(count((r) => year(2016)(r) && r.source === Source.AGENCIES)).toBe(42);
    expect(count((r) => year(2016)(r) && r.source === Source.NON_UN_FORCES)).toBe(20);
    expect(count(year(2016))).toBe(165);
    expect(count((r) => year(2016)(r) && r.entity === 'MINUSCA')).toBe(52);
    const unSystem = all.filter((r) => year(2016)(r) && r.source !== Source.NON_UN_FORCES);
    expect(unSystem.reduce((s, r) => s + victims(r), 0)).toBe(UN_SYSTEM_VICTIMS_2016);
    expect(unSystem.filter((r) => UNIFORMED_CATEGORIES.includes(r.personnelCategory)).length).toBe(80);
  });

  it('adds up to the published 2015 and 2017 figures', () => {
    expect(count((r) => year(2015)(r) && r.source !== Source.NON_UN_FORCES)).toBe(99);
    const pk2015 = all.filter((r) => year(2015)(r) && r.source === Source.PEACEKEEPING);
    expect(pk2015.length).toBe(69);
    expect(pk2015.filter((r) => r.entity === 'MINUSCA').length).toBe(22);
    expect(
      pk2015.filter(
        (r) =>
          r.personnelCategory === PersonnelCategory.MILITARY_CONTINGENT ||
          r.personnelCategory === PersonnelCategory.MILITARY_OBSERVER,
      ).length,
    ).toBe(38);
    expect(pk2015.filter((r) => r.status === 'SUBSTANTIATED').length).toBe(7);
    expect(pk2015.filter((r) => r.status === 'NOT_SUBSTANTIATED').length).toBe(10);
    expect(count(year(2017))).toBe(138);
    expect(count((r) => year(2017)(r) && r.source === Source.PEACEKEEPING)).toBe(62);
    expect(count((r) => year(2017)(r) && r.personnelCategory === PersonnelCategory.IMPLEMENTING_PARTNER)).toBe(25);
  });

  it('is the same on every run and marks every record synthetic', () => {
    expect(JSON.stringify([...referenceDataset().entries()])).toBe(JSON.stringify([...dataset.entries()]));
    expect(all.every((r) => r.synthetic)).toBe(true);
  });

  it('holds only records its source may publish, with unique references', () => {
    for (const [source, records] of dataset) {
      for (const record of records) expect(recordProblems(record, source)).toEqual([]);
      expect(new Set(records.map((r) => r.reference)).size).toBe(records.length);
    }
  });

  it('carries the fields of format version 2: referrals with responses, actors, months, perpetrator sexes, non-UN police and civilians', () => {
    const referred = all.filter((r) => r.memberStateReferral !== null);
    expect(referred.length).toBeGreaterThan(30);
    expect(new Set(referred.map((r) => r.memberStateReferral?.response)).size).toBe(4);
    expect(referred.every((r) => UNIFORMED_CATEGORIES.includes(r.personnelCategory))).toBe(true);
    expect(all.some((r) => r.memberStateActions.includes('JAILED' as never))).toBe(true);
    expect(all.some((r) => r.finalActions.includes('JAILED' as never))).toBe(false);
    expect(all.filter((r) => r.investigationCompleted !== null).length).toBe(
      all.filter((r) => r.investigationDays !== null).length,
    );
    expect(all.reduce((s, r) => s + r.perpetratorsWomen, 0)).toBeGreaterThan(0);
    const nonUn = all.filter((r) => r.source === Source.NON_UN_FORCES);
    expect(nonUn.some((r) => r.personnelCategory === PersonnelCategory.NON_UN_FORCE_POLICE)).toBe(true);
    expect(
      nonUn.filter((r) => r.personnelCategory === PersonnelCategory.NON_UN_FORCE_CIVILIAN).every((r) => r.nationality === null),
    ).toBe(true);
  });

  it('holds joint investigations (TCC or NIO with OIOS, OIOS with the mission) without moving any published figure', () => {
    const joint = all.filter((r) => r.investigatingEntities.length > 1);
    const has = (r: AllegationRecord, ...e: string[]) => e.every((x) => r.investigatingEntities.includes(x as never));
    expect(joint.some((r) => has(r, 'TCC', 'OIOS'))).toBe(true);
    expect(joint.some((r) => has(r, 'OIOS', 'ENTITY'))).toBe(true);
    expect(joint.every((r) => r.source === Source.PEACEKEEPING && r.investigatingEntities.length === 2)).toBe(true);
    expect(all.filter((r) => r.status === 'PRELIMINARY_ASSESSMENT').every((r) => r.investigatingEntities.length === 0)).toBe(
      true,
    );
  });
});
