import { Role } from '@psea/contract';
import { GraphQLResponse, TestHub, startTestHub } from './support/test-hub';

const STATISTICS = '{ allegationStatistics(filter: { year: 2016 }, groupBy: [SOURCE]) { total { allegations } complete } }';

/** Requests whose answers are errors, each of a different origin (parser, validation, a source, the system view). */
const ERRORS: Record<string, { query: string; variables?: Record<string, unknown>; role?: Role }> = {
  'an unknown field': { query: '{ allegationStatistics { total { allegations colour } } }' },
  'an unknown enum value': { query: '{ allegationStatistics(filter: { allegationTypes: [XX] }) { total { allegations } } }' },
  'a bad variable': {
    query: 'query($g: [Dimension!]) { allegationStatistics(groupBy: $g) { total { allegations } } }',
    variables: { g: ['COLOUR'] },
  },
  'a reversed period': {
    query: '{ allegationStatistics(filter: { fromMonth: "2016-06", toMonth: "2016-01" }) { total { allegations } } }',
  },
  'a malformed cursor': { query: '{ allegations(after: "not-a-cursor") { items { id } } }' },
  'a role that may not read cases': { query: '{ allegations(first: 2) { items { id } } }', role: Role.REPORT_AUTHOR },
};

/** An answer without what differs by nature between two requests (request ids in messages). */
function comparable(answer: GraphQLResponse & { status: number }): unknown {
  return JSON.parse(JSON.stringify(answer).replace(/request [0-9a-f]{32}/g, 'request <id>'));
}

/**
 * Where the hub promises that both engines answer alike, Hive Gateway is held to the Apollo
 * gateway's answers over HTTP: the same errors (message, code, `locations`, `path`), queries by
 * GET with the same CSRF prevention, and the same refusals.
 */
describe('Hive Gateway answers as the Apollo gateway does', () => {
  let t: TestHub;
  const apollo: Record<string, unknown> = {};
  let tokens: Record<Role, string>;

  async function call(path: string, init: RequestInit = {}, role: Role = Role.COORDINATOR) {
    const url = new URL(path, t.hub.gatewayUrl);
    const headers = new Headers(init.headers);
    if (!headers.has('authorization')) headers.set('authorization', `Bearer ${tokens[role]}`);
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    const text = await response.text();
    return { status: response.status, body: /json/.test(response.headers.get('content-type') ?? '') ? JSON.parse(text) : text };
  }

  const post = (query: string, variables?: Record<string, unknown>, role?: Role) =>
    call(
      '/graphql',
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) },
      role,
    );

  /** Every request of the comparison, by name. */
  const REQUESTS: Record<string, () => Promise<{ status: number; body: unknown }>> = {
    ...Object.fromEntries(Object.entries(ERRORS).map(([name, r]) => [name, () => post(r.query, r.variables, r.role)])),
    'a GET query with a preflight header': () =>
      call(`/graphql?query=${encodeURIComponent(STATISTICS)}`, { headers: { 'apollo-require-preflight': 'true' } }),
    'a GET query with variables and a JSON content type': () =>
      call(
        `/graphql?query=${encodeURIComponent('query($y: Int) { allegationStatistics(filter: { year: $y }) { total { allegations } } }')}&variables=${encodeURIComponent('{"y":2016}')}`,
        { headers: { 'content-type': 'application/json' } },
      ),
    'a GET query a browser could forge': () => call(`/graphql?query=${encodeURIComponent(STATISTICS)}`),
    'a form POST a browser could forge': () =>
      call('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `query=${encodeURIComponent(STATISTICS)}`,
      }),
    'a text/plain POST a browser could forge': () =>
      call('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: JSON.stringify({ query: STATISTICS }),
      }),
    'a GET without a token': () =>
      call(`/graphql?query=${encodeURIComponent(STATISTICS)}`, {
        headers: { 'apollo-require-preflight': 'true', authorization: '' },
      }),
  };

  beforeAll(async () => {
    t = await startTestHub();
    tokens = {
      [Role.COORDINATOR]: await t.token({ role: Role.COORDINATOR, subject: 'parity' }),
      [Role.FOCAL_POINT]: await t.token({ role: Role.FOCAL_POINT, subject: 'parity', source: 'agencies', entities: ['WFP'] }),
      [Role.REPORT_AUTHOR]: await t.token({ role: Role.REPORT_AUTHOR, subject: 'parity' }),
      [Role.SCREENER]: await t.token({ role: Role.SCREENER, subject: 'parity' }),
    };
    for (const [name, request] of Object.entries(REQUESTS)) apollo[name] = comparable((await request()) as never);
    await t.hub.useTopology('hive');
  }, 300_000);
  afterAll(async () => {
    await t?.stop();
  });

  it.each(Object.keys(ERRORS))('gives %s the same errors, locations included', async (name) => {
    const hive = comparable((await REQUESTS[name]!()) as never) as { body: GraphQLResponse };
    expect(hive).toEqual(apollo[name]);
    // Errors about the caller's document point into it, as the GraphQL specification asks.
    const expected = apollo[name] as { body: GraphQLResponse & { errors: Array<{ locations?: unknown }> } };
    if (/unknown|variable/.test(name)) {
      expect(expected.body.errors[0]?.locations).toEqual([{ line: 1, column: expect.any(Number) }]);
    }
  });

  it('answers a syntax error 400 GRAPHQL_PARSE_FAILED, pointing at where the document breaks', async () => {
    // Not compared with Apollo: the Apollo gateway answers this one 500 GRAPHQL_VALIDATION_FAILED.
    const answer = await post('{ allegationStatistics(filter: { year: 2016 }) { total { allegations } }');
    expect(answer).toEqual({
      status: 400,
      body: {
        errors: [
          {
            message: 'Syntax Error: Expected Name, found <EOF>.',
            locations: [{ line: 1, column: 73 }],
            extensions: { code: 'GRAPHQL_PARSE_FAILED' },
          },
        ],
      },
    });
  });

  it('answers a GET query (preflight header or JSON content type) with the data a POST gets', async () => {
    for (const name of ['a GET query with a preflight header', 'a GET query with variables and a JSON content type']) {
      const hive = await REQUESTS[name]!();
      expect(hive.status).toBe(200);
      expect(comparable(hive as never)).toEqual(apollo[name]);
    }
    const get = (await REQUESTS['a GET query with a preflight header']!()).body as GraphQLResponse<any>;
    expect(get.data?.allegationStatistics).toEqual({ total: { allegations: 165 }, complete: true });
    const variables = (await REQUESTS['a GET query with variables and a JSON content type']!()).body as GraphQLResponse<any>;
    expect(variables.data?.allegationStatistics.total.allegations).toBe(165);
  });

  it.each([
    'a GET query a browser could forge',
    'a form POST a browser could forge',
    'a text/plain POST a browser could forge',
    'a GET without a token',
  ])('refuses %s as the Apollo gateway does', async (name) => {
    const hive = await REQUESTS[name]!();
    expect(hive.status).toBeGreaterThanOrEqual(400);
    expect(comparable(hive as never)).toEqual(apollo[name]);
    if (/forge/.test(name)) expect(JSON.stringify(hive.body)).toMatch(/Cross-Site Request Forgery/);
  });

  it('refuses a screening sent as a GET without a preflight header, and runs it with one', async () => {
    const screen = '{ screen(subject: { unIndexNumber: "9500001" }) { matched } }';
    const forged = await call(`/graphql?query=${encodeURIComponent(screen)}`, {}, Role.SCREENER);
    expect(forged.status).toBe(400);
    const allowed = await call(
      `/graphql?query=${encodeURIComponent(screen)}`,
      { headers: { 'apollo-require-preflight': 'true' } },
      Role.SCREENER,
    );
    expect(allowed.body).toEqual({ data: { screen: { matched: false } } });
  });

  it('sends a browser asking /graphql for a page to GraphiQL, and serves the dashboard and GraphiQL files', async () => {
    const page = await call('/graphql', { headers: { accept: 'text/html' } });
    expect(page.status).toBe(302);
    for (const path of ['/graphiql/', '/dashboard/', '/dashboard/dashboard.js', '/assets/graphiql.min.js', '/assets/labels.js']) {
      const response = await fetch(new URL(path, t.hub.gatewayUrl));
      expect([path, response.status]).toEqual([path, 200]);
    }
    const whoami = await call('/auth/whoami', {}, Role.REPORT_AUTHOR);
    expect(whoami.body).toMatchObject({ role: 'report-author' });
  });
});
