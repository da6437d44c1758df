import { GraphQLError } from 'graphql';
import { decodeScope, encodeScope, Scope } from '../scope';
import { compareCursorKeys, decodeCursor, encodeCursor, filterFingerprint, CursorKey } from '../cursor';
import { normalizeFilter } from '../filter';
import { Dimension, Source } from '../enums';

describe('scope codec', () => {
  const scopes: Scope[] = [
    {
      kind: 'statistics',
      filter: normalizeFilter({ year: 2016, entities: ['MINUSCA'] }),
      groupBy: [Dimension.NATIONALITY, Dimension.SOURCE],
    },
    {
      kind: 'page',
      filter: normalizeFilter({ quarter: '2017Q1' }),
      first: 25,
      after: { month: '2017-02', source: Source.AGENCIES, id: '17' },
    },
    { kind: 'lookup', ids: ['peacekeeping:1', 'agencies:2'] },
    { kind: 'statistics', filter: normalizeFilter({ year: 2016 }), groupBy: [], targets: { days: 150, urgentDays: 60 } },
  ];

  it.each(scopes)('decodes what it encodes (%j)', (scope) => {
    expect(decodeScope(encodeScope(scope))).toEqual(scope);
  });

  it('encodes equal requests identically whatever the order of their members', () => {
    const a = encodeScope({
      kind: 'statistics',
      filter: normalizeFilter({ sources: ['AGENCIES', 'PEACEKEEPING'], year: 2016 }),
      groupBy: [],
    });
    const b = encodeScope({
      kind: 'statistics',
      filter: normalizeFilter({ year: 2016, sources: ['PEACEKEEPING', 'AGENCIES'] }),
      groupBy: [],
    });
    expect(a).toBe(b);
  });

  it('re-validates a forged scope as strictly as a client filter', () => {
    const forged =
      's1.' +
      Buffer.from(JSON.stringify({ kind: 'statistics', filter: { from: '2016-09', to: '2016-01' }, groupBy: [] })).toString(
        'base64url',
      );
    expect(() => decodeScope(forged)).toThrow(/reversed/);
    const huge = 's1.' + Buffer.from(JSON.stringify({ kind: 'page', filter: {}, first: 100000 })).toString('base64url');
    expect(() => decodeScope(huge)).toThrow(GraphQLError);
    expect(() => decodeScope('s2.abc')).toThrow(/version 1/);
    expect(() => decodeScope("s1.'; DROP TABLE allegation; --")).toThrow(GraphQLError);
  });

  it('refuses timeliness targets that are not whole days, or give urgent cases the longer target', () => {
    const statistics = (targets: unknown) =>
      's1.' + Buffer.from(JSON.stringify({ kind: 'statistics', filter: {}, groupBy: [], targets })).toString('base64url');
    expect(decodeScope(statistics({ days: 120, urgentDays: 30 }))).toMatchObject({ targets: { days: 120, urgentDays: 30 } });
    for (const bad of [
      { days: '180) OR (1=1', urgentDays: 90 },
      { days: 180.5, urgentDays: 90 },
      { days: 0, urgentDays: 0 },
      { days: 90, urgentDays: 180 },
      { days: 180, urgentDays: 90, extra: 1 },
      null,
    ])
      expect(() => decodeScope(statistics(bad))).toThrow(GraphQLError);
  });

  it('keeps withoutSubmissions only as true, and refuses any other value', () => {
    const statistics = (withoutSubmissions: unknown) =>
      's1.' +
      Buffer.from(JSON.stringify({ kind: 'statistics', filter: {}, groupBy: [], withoutSubmissions })).toString('base64url');
    expect(decodeScope(statistics(true))).toMatchObject({ withoutSubmissions: true });
    expect(decodeScope(statistics(undefined))).not.toHaveProperty('withoutSubmissions');
    for (const bad of [false, 'true', 1, null]) expect(() => decodeScope(statistics(bad))).toThrow(GraphQLError);
  });
});

describe('cursors', () => {
  const key: CursorKey = { month: '2016-03', source: Source.AGENCIES, id: '42' };
  const fingerprint = filterFingerprint(normalizeFilter({ year: 2016 }));

  it('round-trips a position for the same filter', () => {
    expect(decodeCursor(encodeCursor(key, fingerprint), fingerprint)).toEqual(key);
  });

  it('rejects a cursor issued for another filter, naming the argument', () => {
    const other = filterFingerprint(normalizeFilter({ year: 2017 }));
    try {
      decodeCursor(encodeCursor(key, other), fingerprint);
      throw new Error('accepted a foreign cursor');
    } catch (error) {
      expect((error as GraphQLError).extensions['argument']).toBe('after');
      expect((error as GraphQLError).message).toMatch(/another query/);
    }
  });

  it.each([
    '',
    'c1.',
    'c1.!!!',
    'c1.' + Buffer.from('{"k":{"month":"2016-13","source":"AGENCIES","id":"1"},"f":"x"}').toString('base64url'),
  ])('rejects the malformed cursor %j', (cursor) =>
    expect(() => decodeCursor(cursor, fingerprint)).toThrow(/cursor returned by a previous page/),
  );

  it('orders by month, then source, then numeric id', () => {
    const keys: CursorKey[] = [
      { month: '2016-02', source: Source.PEACEKEEPING, id: '1' },
      { month: '2016-01', source: Source.NON_UN_FORCES, id: '1' },
      { month: '2016-01', source: Source.PEACEKEEPING, id: '10' },
      { month: '2016-01', source: Source.PEACEKEEPING, id: '9' },
    ];
    expect([...keys].sort(compareCursorKeys).map((k) => `${k.month}/${k.source}/${k.id}`)).toEqual([
      '2016-01/PEACEKEEPING/9',
      '2016-01/PEACEKEEPING/10',
      '2016-01/NON_UN_FORCES/1',
      '2016-02/PEACEKEEPING/1',
    ]);
  });
});
