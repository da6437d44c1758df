import { Dimension, Source } from '../enums';
import { decideStatisticsDisclosure, finerThanPublication } from '../disclosure';
import { normalizeFilter } from '../filter';
import { Caller, Role } from '../roles';
import type { StatisticsScope } from '../scope';

const scope = (filter: Parameters<typeof normalizeFilter>[0], groupBy: Dimension[] = []): StatisticsScope => ({
  kind: 'statistics',
  filter: normalizeFilter(filter),
  groupBy,
});
const agencies = { source: Source.AGENCIES, name: 'agencies', disclosure: { unpublished: [] } };
const reportAuthor: Caller = { subject: 'carol', role: Role.REPORT_AUTHOR };
const coordinator: Caller = { subject: 'alice', role: Role.COORDINATOR };
const focal: Caller = { subject: 'bob', role: Role.FOCAL_POINT, source: 'agencies', entities: ['UNHCR', 'WFP'] };

describe('publication granularity', () => {
  it.each([
    ['a year', { year: 2016 }],
    ['a quarter', { quarter: '2016Q3' }],
    ['a run of whole quarters', { fromMonth: '2016-04', toMonth: '2017-09' }],
    ['all time', {}],
    ['an open period from a quarter start', { fromMonth: '2016-07' }],
  ])('accepts %s', (_name, filter) => {
    expect(finerThanPublication(scope(filter, [Dimension.ENTITY, Dimension.NATIONALITY, Dimension.QUARTER]))).toEqual([]);
  });

  it.each([
    ['one month', { fromMonth: '2016-02', toMonth: '2016-02' }, ['filter.fromMonth', 'filter.toMonth']],
    ['February to December', { fromMonth: '2016-02', toMonth: '2016-12' }, ['filter.fromMonth']],
    ['January to November', { fromMonth: '2016-01', toMonth: '2016-11' }, ['filter.toMonth']],
    ['an open period from mid-quarter', { fromMonth: '2016-05' }, ['filter.fromMonth']],
  ])('names the argument of a period inside a quarter: %s', (_name, filter, arguments_) => {
    expect(finerThanPublication(scope(filter)).map((d) => d.argument)).toEqual(arguments_);
  });

  it('treats grouping by month as finer, and every other dimension as published', () => {
    expect(finerThanPublication(scope({ year: 2016 }, [Dimension.MONTH])).map((d) => d.argument)).toEqual(['groupBy']);
    const published = Object.values(Dimension).filter((d) => d !== Dimension.MONTH);
    expect(finerThanPublication(scope({ year: 2016 }, published))).toEqual([]);
  });

  it("makes a source's unpublished dimension finer, in a grouping and in a filter", () => {
    const strict = { unpublished: [Dimension.NATIONALITY] };
    expect(finerThanPublication(scope({ year: 2016 }, [Dimension.NATIONALITY]), strict).map((d) => d.argument)).toEqual([
      'groupBy',
    ]);
    expect(finerThanPublication(scope({ year: 2016, nationalities: ['RWA'] }), strict).map((d) => d.argument)).toEqual([
      'filter.nationalities',
    ]);
    expect(finerThanPublication(scope({ year: 2016 }, [Dimension.ENTITY]), strict)).toEqual([]);
  });
});

describe('who may read finer than publication granularity', () => {
  const monthly = scope({ year: 2016, entities: ['UNHCR'] }, [Dimension.MONTH]);

  it('lets every statistics role have publication granularity', () => {
    for (const caller of [reportAuthor, coordinator, focal]) {
      expect(decideStatisticsDisclosure(scope({ quarter: '2016Q1' }, [Dimension.ENTITY]), caller, agencies).level).toBe(
        'publication',
      );
    }
  });

  it('refuses report authors with FORBIDDEN naming the argument', () => {
    expect(() => decideStatisticsDisclosure(monthly, reportAuthor, agencies)).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'FORBIDDEN', argument: 'groupBy' }) }),
    );
  });

  it('gives coordinators anything, marked finer (to be audited)', () => {
    expect(decideStatisticsDisclosure(monthly, coordinator, agencies)).toMatchObject({ level: 'finer' });
  });

  it('gives focal points finer figures of their own entities only', () => {
    expect(decideStatisticsDisclosure(monthly, focal, agencies)).toMatchObject({ level: 'finer' });
    const otherEntity = scope({ year: 2016, entities: ['UNICEF'] }, [Dimension.MONTH]);
    expect(() => decideStatisticsDisclosure(otherEntity, focal, agencies)).toThrow(/filter.entities/);
    const wholeSource = scope({ year: 2016 }, [Dimension.MONTH]);
    expect(() => decideStatisticsDisclosure(wholeSource, focal, agencies)).toThrow(/FORBIDDEN|Forbidden/);
    const peacekeeping = { source: Source.PEACEKEEPING, name: 'peacekeeping', disclosure: { unpublished: [] } };
    expect(() => decideStatisticsDisclosure(scope({ year: 2016 }, [Dimension.MONTH]), focal, peacekeeping)).toThrow(
      /not yours to read/,
    );
  });
});
