import { buildSchema, parse, validate } from 'graphql';
import { oneScreeningPerRequest } from '../limits/one-screening-per-request';

const schema = buildSchema('type Query { screen(n: Int): Boolean, other: Int }');
const errors = (query: string) => validate(schema, parse(query), [oneScreeningPerRequest]);

describe('one screening per request', () => {
  it('accepts one screening, with other fields beside it', () => {
    expect(errors('{ screen(n: 1) other }')).toEqual([]);
  });

  it.each([
    ['two aliases', '{ a: screen(n: 1) b: screen(n: 2) }'],
    ['an inline fragment', '{ a: screen(n: 1) ... on Query { b: screen(n: 2) } }'],
    ['a named fragment', '{ a: screen(n: 1) ...F } fragment F on Query { b: screen(n: 2) }'],
  ])('refuses %s, naming the argument', (_name, query) => {
    const [error] = errors(query);
    expect(error?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'screen' });
    expect(error?.message).toMatch(/one subject per request, got 2/);
  });
});
