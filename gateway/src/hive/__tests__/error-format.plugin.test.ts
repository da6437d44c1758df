import { GraphQLError, Source } from 'graphql';
import { createLogger } from '@psea/service';
import { useGatewayErrorFormat } from '../plugins/error-format.plugin';

type Formatted = { data?: unknown; errors: GraphQLError[] };

/** What the plugin makes of a result, as Yoga would serialise it. */
function formatted(result: object): Formatted {
  const plugin = useGatewayErrorFormat(createLogger('test', 'silent'));
  let out: unknown;
  plugin.onResultProcess?.({ result, setResult: (r: unknown) => (out = r) } as never);
  return out as Formatted;
}

describe('useGatewayErrorFormat', () => {
  it('keeps where a validation error points in the document, and answers 400', () => {
    const source = new Source('{ allegationStatistics { colour } }');
    const error = new GraphQLError('Cannot query field "colour"', {
      source,
      positions: [25],
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    const [answer] = formatted({ errors: [error] }).errors;
    expect(answer?.toJSON()).toEqual({
      message: 'Cannot query field "colour"',
      locations: [{ line: 1, column: 26 }],
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED', http: { status: 400 } },
    });
  });

  it('answers a refusal of the whole request with the status of its code, a partial answer with 200', () => {
    const forbidden = new GraphQLError('Forbidden: your role may not use cases', {
      path: ['allegations'],
      extensions: { code: 'FORBIDDEN', operation: 'cases' },
    });
    expect(formatted({ data: null, errors: [forbidden] }).errors[0]?.extensions['http']).toEqual({ status: 403 });
    expect(formatted({ data: { allegations: null }, errors: [forbidden] }).errors[0]?.extensions['http']).toBeUndefined();
  });

  it('turns an error without a registered code into a bare internal error, without its message', () => {
    const leak = new GraphQLError('connect ECONNREFUSED http://10.0.0.7:5432', { path: ['allegationStatistics'] });
    const [answer] = formatted({ data: { allegationStatistics: null }, errors: [leak] }).errors;
    expect(answer?.extensions['code']).toBe('INTERNAL_SERVER_ERROR');
    expect(answer?.message).not.toMatch(/ECONNREFUSED|10\.0\.0\.7/);
    expect(answer?.path).toEqual(['allegationStatistics']);
  });

  it('leaves an answer without errors as it is', () => {
    const result = { data: { a: 1 } };
    expect(formatted(result)).toBe(result);
  });
});
