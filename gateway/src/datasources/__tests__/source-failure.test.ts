import { GraphQLError } from 'graphql';
import { responseFailure, thrownFailure } from '../source-failure';

const PEACEKEEPING = { source: 'PEACEKEEPING', contributorField: 'peacekeeping' };
const contribution = (value: Record<string, unknown>) => ({
  data: { _entities: [{ __typename: 'StatisticsView', peacekeeping: { source: 'PEACEKEEPING', status: 'OK', ...value } }] },
});

describe('what counts as a failure of a source', () => {
  it('accepts a valid contribution', () => {
    expect(responseFailure(contribution({ total: { allegations: 3 } }), 1, PEACEKEEPING)).toBeUndefined();
  });

  it("takes the source's own reason class for its database being down", () => {
    const response = {
      data: { _entities: [null] },
      errors: [{ message: 'x', extensions: { code: 'SOURCE_UNAVAILABLE', source: 'peacekeeping', reason: 'database' } }],
    };
    expect(responseFailure(response, 1, PEACEKEEPING)).toBe('database');
  });

  it('treats an internal error on the contributor field as the source failing', () => {
    const response = {
      data: { _entities: [null] },
      errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
    };
    expect(responseFailure(response, 1, PEACEKEEPING)).toBe('error');
  });

  it("leaves the caller's own bad input or role as it is", () => {
    const response = { data: { _entities: [null] }, errors: [{ message: 'no', extensions: { code: 'FORBIDDEN' } }] };
    expect(responseFailure(response, 1, PEACEKEEPING)).toBeUndefined();
  });

  it.each([
    ['no _entities', { data: {} }],
    ['one entity too few', { data: { _entities: [] } }],
    ['a null contribution', { data: { _entities: [{ peacekeeping: null }] } }],
    ['an unknown status', contribution({ status: 'FINE' })],
    ["another source's contribution", contribution({ source: 'AGENCIES' })],
    ['a negative count', contribution({ total: { allegations: -1 } })],
    ['a fractional count', contribution({ rows: [{ counts: { allegations: 1.5 } }] })],
  ])('calls %s malformed', (_name, response) => {
    expect(responseFailure(response as never, 1, PEACEKEEPING)).toBe('malformed');
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
