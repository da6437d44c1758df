import { GraphQLError } from 'graphql';
import { normalizeFilter, normalizeGroupBy, filterIncludesSource } from '../filter';
import { Source } from '../enums';

function errorOf(fn: () => unknown): GraphQLError {
  try {
    fn();
  } catch (error) {
    if (error instanceof GraphQLError) return error;
    throw error;
  }
  throw new Error('expected an error');
}

describe('normalizeFilter', () => {
  it('spells a year, a quarter and a month range as an inclusive month range', () => {
    expect(normalizeFilter({ year: 2016 })).toEqual({ from: '2016-01', to: '2016-12' });
    expect(normalizeFilter({ quarter: '2016Q3' })).toEqual({ from: '2016-07', to: '2016-09' });
    expect(normalizeFilter({ fromMonth: '2016-02' })).toEqual({ from: '2016-02' });
  });

  it('sorts and deduplicates lists so equal filters are equal', () => {
    const a = normalizeFilter({ entities: ['UNHCR', 'MINUSCA', 'UNHCR'], sources: ['AGENCIES', 'PEACEKEEPING'] });
    const b = normalizeFilter({ sources: ['PEACEKEEPING', 'AGENCIES'], entities: ['MINUSCA', 'UNHCR'] });
    expect(a).toEqual(b);
    expect(a.entities).toEqual(['MINUSCA', 'UNHCR']);
  });

  it.each([
    [{ fromMonth: '2016-05', toMonth: '2016-01' }, 'filter.toMonth', /reversed/],
    [{ year: 2016, quarter: '2016Q1' }, 'filter', /at most one period/],
    [{ quarter: '2016Q5' }, 'filter.quarter', /YYYYQn/],
    [{ fromMonth: '2016-13' }, 'filter.fromMonth', /YYYY-MM/],
    [{ year: 1066 }, 'filter.year', /1990/],
    [{ entities: ['NOPE'] }, 'filter.entities', /known entity codes/],
    [{ entities: [] }, 'filter.entities', /non-empty/],
    [{ nationalities: ['fr'] }, 'filter.nationalities', /alpha-3/],
    [{ sources: ['MARS'] }, 'filter.sources', /PEACEKEEPING/],
    [{ allegationTypes: ['XX'] }, 'filter.allegationTypes', /SE, SA/],
  ])('rejects %j naming %s', (input, argument, message) => {
    const error = errorOf(() => normalizeFilter(input));
    expect(error.extensions['code']).toBe('BAD_USER_INPUT');
    expect(error.extensions['argument']).toBe(argument);
    expect(error.message).toMatch(message);
  });
});

describe('normalizeGroupBy', () => {
  it('keeps the order asked and rejects repeats and unknown dimensions', () => {
    expect(normalizeGroupBy(['YEAR', 'SOURCE'])).toEqual(['YEAR', 'SOURCE']);
    expect(errorOf(() => normalizeGroupBy(['YEAR', 'YEAR'])).message).toMatch(/at most once/);
    expect(errorOf(() => normalizeGroupBy(['COLOUR'])).extensions['argument']).toBe('groupBy');
  });
});

describe('filterIncludesSource', () => {
  it('excludes a source that the sources or entities of the filter leave out', () => {
    expect(filterIncludesSource({}, Source.AGENCIES)).toBe(true);
    expect(filterIncludesSource({ sources: [Source.PEACEKEEPING] }, Source.AGENCIES)).toBe(false);
    expect(filterIncludesSource({ entities: ['MINUSCA'] }, Source.AGENCIES)).toBe(false);
    expect(filterIncludesSource({ entities: ['MINUSCA', 'UNHCR'] }, Source.AGENCIES)).toBe(true);
  });
});
