import { Source } from '../enums';
import { decodeScope, encodeScope } from '../scope';
import { filterEntities, filterQuarters, normalizeAsOf, unsubmitted, unsubmittedNotice } from '../provenance';
import { toBase64Url } from '../canonical-json';

describe('provenance helpers', () => {
  it('validates asOf: known sources once each, whole-number versions, sorted by source', () => {
    expect(
      normalizeAsOf([
        { source: 'PEACEKEEPING', dataVersion: '7' },
        { source: 'AGENCIES', dataVersion: '0' },
      ]),
    ).toEqual({ AGENCIES: '0', PEACEKEEPING: '7' });
    expect(normalizeAsOf(null)).toBeUndefined();
    expect(() => normalizeAsOf([])).toThrow(/asOf: expected a non-empty list/);
    expect(() => normalizeAsOf([{ source: 'PEACEKEEPING', dataVersion: '1; DROP TABLE x' }])).toThrow(/asOf\[0\]\.dataVersion/);
    expect(() => normalizeAsOf([{ source: 'PEACEKEEPING', dataVersion: '01' }])).toThrow(/asOf\[0\]\.dataVersion/);
    expect(() =>
      normalizeAsOf([
        { source: 'PEACEKEEPING', dataVersion: '1' },
        { source: 'PEACEKEEPING', dataVersion: '2' },
      ]),
    ).toThrow(/asOf\[1\]\.source: expected each source once/);
  });

  it('round-trips asOf through the scope codec and refuses a forged one', () => {
    const scope = {
      kind: 'statistics' as const,
      filter: { from: '2016-01', to: '2016-12' },
      groupBy: [],
      asOf: { PEACEKEEPING: '12' },
    };
    expect(decodeScope(encodeScope(scope))).toEqual(scope);
    const forged = (asOf: unknown) => `s1.${toBase64Url(JSON.stringify({ kind: 'statistics', filter: {}, groupBy: [], asOf }))}`;
    expect(() => decodeScope(forged({ PEACEKEEPING: '1) OR (1=1' }))).toThrow(/scope/);
    expect(() => decodeScope(forged({ NOWHERE: '1' }))).toThrow(/scope/);
    expect(() => decodeScope(forged({ PEACEKEEPING: '1', AGENCIES: '2' }))).toThrow(/scope/);
  });

  it('lists the quarters of a bounded period, and none for an unbounded or too long one', () => {
    expect(filterQuarters({ from: '2016-01', to: '2016-12' })).toEqual(['2016Q1', '2016Q2', '2016Q3', '2016Q4']);
    expect(filterQuarters({ from: '2016-11', to: '2017-02' })).toEqual(['2016Q4', '2017Q1']);
    expect(filterQuarters({})).toEqual([]);
    expect(filterQuarters({ from: '2000-01', to: '2016-12' })).toEqual([]);
  });

  it("names the entities with open quarters, and reaches only the filter's entities of a source", () => {
    expect(filterEntities({ entities: ['MINUSCA', 'UNHCR'] }, Source.PEACEKEEPING)).toEqual(['MINUSCA']);
    expect(filterEntities({ sources: [Source.AGENCIES] }, Source.PEACEKEEPING)).toEqual([]);
    const open = unsubmitted([
      { entity: 'UNMISS', quarter: '2016Q4', closed: false },
      { entity: 'MINUSCA', quarter: '2016Q4', closed: true },
      { entity: 'UNMISS', quarter: '2016Q3', closed: false },
    ]);
    expect(open).toEqual([{ entity: 'UNMISS', quarters: ['2016Q3', '2016Q4'] }]);
    expect(unsubmittedNotice(open)).toBe('Not yet submitted (period not closed by the entity): UNMISS (2016Q3, 2016Q4).');
  });
});
