import { GraphQLError } from 'graphql';
import { ContributionStatus, Source, encodeStatisticsContribution, zeroCounts } from '@psea/contract';
import { responseFailure, thrownFailure } from '../source-failure';

const PEACEKEEPING = { source: 'PEACEKEEPING', contributorField: 'peacekeeping' };
/** A case page: a view carried as fields. */
const PAGE = [{ __typename: 'AllegationPageView', scope: 's1.x' }];
const contribution = (value: Record<string, unknown>) => ({
  data: { _entities: [{ __typename: 'AllegationPageView', peacekeeping: { source: 'PEACEKEEPING', status: 'OK', ...value } }] },
});
/** Statistics: a view carried compactly, one string of the contract's codec. */
const STATISTICS = [{ __typename: 'StatisticsView', scope: 's1.x' }];
const statistics = (encoded: unknown) => ({ data: { _entities: [{ __typename: 'StatisticsView', peacekeeping: encoded }] } });
const okStatistics = (source = Source.PEACEKEEPING) =>
  encodeStatisticsContribution({ source, status: ContributionStatus.OK, total: zeroCounts(), rows: [], dataVersion: '1' });

describe('what counts as a failure of a source', () => {
  it('accepts a valid contribution', () => {
    expect(responseFailure(contribution({ items: [{ perpetrators: 3 }] }), PAGE, PEACEKEEPING)).toBeUndefined();
    expect(responseFailure(statistics(okStatistics()), STATISTICS, PEACEKEEPING)).toBeUndefined();
  });

  it.each([
    ['statistics as fields where the compact encoding is expected', { source: 'PEACEKEEPING', status: 'OK' }],
    ['a null', null],
    ["another source's statistics", okStatistics(Source.AGENCIES)],
    ['statistics that do not decode', okStatistics().slice(0, -2)],
    ['a negative count inside the encoding', okStatistics().replace('"total":[0', '"total":[-1')],
  ])('calls %s malformed statistics', (_name, encoded) => {
    expect(responseFailure(statistics(encoded), STATISTICS, PEACEKEEPING)).toBe('malformed');
  });

  it("takes the source's own reason class for its database being down", () => {
    const response = {
      data: { _entities: [null] },
      errors: [{ message: 'x', extensions: { code: 'SOURCE_UNAVAILABLE', source: 'peacekeeping', reason: 'database' } }],
    };
    expect(responseFailure(response, PAGE, PEACEKEEPING)).toBe('database');
  });

  it('treats an internal error on the contributor field as the source failing', () => {
    const response = {
      data: { _entities: [null] },
      errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
    };
    expect(responseFailure(response, PAGE, PEACEKEEPING)).toBe('error');
  });

  it("leaves the caller's own bad input or role as it is", () => {
    const response = { data: { _entities: [null] }, errors: [{ message: 'no', extensions: { code: 'FORBIDDEN' } }] };
    expect(responseFailure(response, PAGE, PEACEKEEPING)).toBeUndefined();
  });

  it.each([
    ['no _entities', { data: {} }],
    ['one entity too few', { data: { _entities: [] } }],
    ['a null contribution', { data: { _entities: [{ peacekeeping: null }] } }],
    ['an unknown status', contribution({ status: 'FINE' })],
    ["another source's contribution", contribution({ source: 'AGENCIES' })],
    ['a negative count', contribution({ items: [{ perpetrators: -1 }] })],
    ['a fractional count', contribution({ items: [{ victims: { total: 1.5 } }] })],
  ])('calls %s malformed', (_name, response) => {
    expect(responseFailure(response as never, PAGE, PEACEKEEPING)).toBe('malformed');
  });

  it('classifies thrown errors: refused, timed out, HTTP error, not JSON; not bad input', () => {
    expect(thrownFailure(Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }))).toBe('unreachable');
    expect(thrownFailure(Object.assign(new Error('aborted'), { name: 'AbortError' }))).toBe('timeout');
    const http = (status: number, body: unknown) => new GraphQLError(`${status}`, { extensions: { response: { status, body } } });
    expect(thrownFailure(http(502, 'Bad gateway'))).toBe('error');
    expect(thrownFailure(http(401, { errors: [{ message: 'no', extensions: { code: 'UNAUTHENTICATED' } }] }))).toBe('error');
    expect(thrownFailure(http(400, { errors: [{ message: 'bad', extensions: { code: 'BAD_USER_INPUT' } }] }))).toBeUndefined();
    expect(thrownFailure(new SyntaxError('Unexpected token <'))).toBe('malformed');
  });
});
