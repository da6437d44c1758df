import { KeyLike, generateKeyPair, SignJWT } from 'jose';
import { createGatewayTokenSigner, readPrivateKey } from '@psea/auth';
import { Role, Source, decodeStatisticsContribution, encodeScope, normalizeFilter } from '@psea/contract';
import { CROSS_SOURCE_SUBJECTS } from '@psea/reference-data';
import { DEV_AUDIENCE, DEV_ISSUER } from '@psea/devstack';
import { TEST_TOPOLOGIES, TestHub, postGraphQL, startTestHub } from './support/test-hub';
import { sql } from './support/database';
import { psea } from './support/psea';

const OPERATIONS = {
  statistics: '{ allegationStatistics(groupBy: [SOURCE]) { total { allegations } } }',
  cases: '{ allegations(first: 2) { items { id } } }',
  lookup: '{ allegation(id: "agencies:1") { allegation { id } } }',
  screening: '{ screen(subject: { unIndexNumber: "8000001" }) { matched } }',
  audit: '{ auditSummary { rows { operation } } }',
} as const;

const MATRIX: Record<Role, Record<keyof typeof OPERATIONS, boolean>> = {
  [Role.COORDINATOR]: { statistics: true, cases: true, lookup: true, screening: true, audit: true },
  [Role.FOCAL_POINT]: { statistics: true, cases: true, lookup: true, screening: false, audit: true },
  [Role.REPORT_AUTHOR]: { statistics: true, cases: false, lookup: false, screening: false, audit: false },
  [Role.SCREENER]: { statistics: false, cases: false, lookup: false, screening: true, audit: false },
};

describe('security', () => {
  let t: TestHub;
  let tokens: Record<Role, string>;
  let otherKey: KeyLike;

  // One hub for the suite: PostgreSQL and the sources start once, the routing tier once per topology.
  beforeAll(async () => {
    t = await startTestHub({
      env: { MAX_QUERY_DEPTH: '6', MAX_QUERY_COST: '5000', MAX_BODY_BYTES: '20000' },
      topology: TEST_TOPOLOGIES[0],
    });
    tokens = {
      [Role.COORDINATOR]: await t.token({ role: Role.COORDINATOR, subject: 'alice' }),
      [Role.FOCAL_POINT]: await t.token({
        role: Role.FOCAL_POINT,
        subject: 'bob',
        source: 'agencies',
        entities: ['UNHCR', 'WFP'],
      }),
      [Role.REPORT_AUTHOR]: await t.token({ role: Role.REPORT_AUTHOR, subject: 'carol' }),
      [Role.SCREENER]: await t.token({ role: Role.SCREENER, subject: 'dan' }),
    };
    otherKey = (await generateKeyPair('ES256')).privateKey;
  }, 300_000);
  afterAll(async () => {
    await t?.stop();
  });

  describe.each(TEST_TOPOLOGIES)('who may see what, at every hop (%s routing tier)', (topology) => {
    beforeAll(async () => {
      if (t.hub.topology !== topology) await t.hub.useTopology(topology);
    }, 180_000);

    describe('the role × operation matrix, through the gateway', () => {
      const cases = Object.values(Role).flatMap((role) =>
        (Object.keys(OPERATIONS) as Array<keyof typeof OPERATIONS>).map((op) => [role, op, MATRIX[role][op]] as const),
      );
      it.each(cases)('%s → %s: allowed %s', async (role, op, allowed) => {
        const { data, errors } = await t.gql(OPERATIONS[op], undefined, tokens[role]);
        if (allowed) {
          expect(errors).toBeUndefined();
          expect(data).not.toBeNull();
        } else {
          expect(errors).toHaveLength(1);
          expect(errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
          expect(errors?.[0]?.message).toMatch(/your role may not use/);
          expect(data).toBeNull();
        }
      });
    });

    describe('authentication at the gateway', () => {
      const sign = (
        claims: Record<string, unknown>,
        options: { key?: unknown; issuer?: string; audience?: string; expires?: string | number } = {},
      ) =>
        (async () => {
          const key = options.key ?? (await readPrivateKey(t.hub.keys.callerPrivateKey));
          return new SignJWT(claims)
            .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt' })
            .setIssuer(options.issuer ?? DEV_ISSUER)
            .setAudience(options.audience ?? DEV_AUDIENCE)
            .setSubject('mallory')
            .setIssuedAt()
            .setExpirationTime(options.expires ?? '5m')
            .sign(key as KeyLike);
        })();

      const bad: Array<[string, () => Promise<string | undefined>, RegExp]> = [
        ['no token', async () => undefined, /bearer token/],
        ['a malformed token', async () => 'not.a.token', /malformed/],
        ['an expired token', () => sign({ role: 'coordinator' }, { expires: Math.floor(Date.now() / 1000) - 3600 }), /expired/],
        ['a token for another audience', () => sign({ role: 'coordinator' }, { audience: 'someone-else' }), /aud/],
        ['a token from another issuer', () => sign({ role: 'coordinator' }, { issuer: 'evil' }), /iss/],
        ['a token signed by another key', () => sign({ role: 'coordinator' }, { key: otherKey }), /signature/],
        ['an unknown role', () => sign({ role: 'admin' }), /role/],
        ['a focal point without its source', () => sign({ role: 'focal-point' }), /psea_source/],
      ];
      it.each(bad)('rejects %s with 401 UNAUTHENTICATED', async (_name, token, reason) => {
        const response = await postGraphQL(t.hub.gatewayUrl, OPERATIONS.statistics, undefined, await token());
        expect(response.status).toBe(401);
        expect(response.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
        expect(response.errors?.[0]?.message).toMatch(reason);
        expect(response.data).toBeUndefined();
      });

      it('lets health checks through without a token', async () => {
        const response = await fetch(t.hub.gatewayUrl.replace(/\/graphql$/, '/health'));
        expect(response.status).toBe(200);
      });
    });

    describe('only the gateway may call a source', () => {
      const entities = `query($r: [_Any!]!) { _entities(representations: $r) { ... on StatisticsView { peacekeeping } } }`;
      const representation = {
        __typename: 'StatisticsView',
        scope: encodeScope({ kind: 'statistics', filter: {}, groupBy: [] }),
      };
      const call = (query: string, token?: string) =>
        postGraphQL<any>(t.hub.source('peacekeeping').process.url as string, query, { r: [representation] }, token);
      const signer = async (key?: unknown) =>
        createGatewayTokenSigner((key ?? (await readPrivateKey(t.hub.keys.gatewayPrivateKey))) as never);

      it.each([
        ['_service', '{ _service { sdl } }'],
        ['_entities', entities],
      ])('rejects %s without a token', async (_name, query) => {
        const response = await call(query);
        expect(response.status).toBe(401);
        // The statistics travel compactly (c1.…): neither a count nor an encoded table may come back.
        expect(JSON.stringify(response)).not.toMatch(/allegations|sdl|c1\./);
      });

      it('rejects the caller’s own token, a token for another source, and one signed by another key', async () => {
        expect((await call(entities, tokens[Role.COORDINATOR])).status).toBe(401);
        const forAgencies = await (await signer())('agencies', { subject: 'alice', role: Role.COORDINATOR });
        expect((await call(entities, forAgencies)).status).toBe(401);
        const forged = await (await signer(otherKey))('peacekeeping', { subject: 'alice', role: Role.COORDINATOR });
        expect((await call(entities, forged)).status).toBe(401);
      });

      it('rejects an expired gateway token', async () => {
        const key = await readPrivateKey(t.hub.keys.gatewayPrivateKey);
        const old = await new SignJWT({ role: 'coordinator' })
          .setProtectedHeader({ alg: 'ES256' })
          .setIssuer('psea-gateway')
          .setAudience('peacekeeping')
          .setSubject('alice')
          .setIssuedAt(Math.floor(Date.now() / 1000) - 600)
          .setExpirationTime(Math.floor(Date.now() / 1000) - 500)
          .sign(key);
        const response = await call(entities, old);
        expect(response.status).toBe(401);
        expect(response.errors?.[0]?.message).toMatch(/expired/);
      });

      it('rejects a gateway token dated in the future, or signed to live longer than a minute', async () => {
        const key = await readPrivateKey(t.hub.keys.gatewayPrivateKey);
        const now = Math.floor(Date.now() / 1000);
        const token = (iat: number, exp: number, claims: Record<string, unknown> = { role: 'report-author' }) =>
          new SignJWT(claims)
            .setProtectedHeader({ alg: 'ES256' })
            .setIssuer('psea-gateway')
            .setAudience('peacekeeping')
            .setSubject('mallory')
            .setIssuedAt(iat)
            .setExpirationTime(exp)
            .sign(key);
        for (const forged of [
          await token(now + 365 * 86_400, now + 365 * 86_400 + 30),
          await token(now, now + 86_400),
          await token(now + 400 * 86_400, now + 401 * 86_400, { psea_service: 'conformance' }),
        ]) {
          expect((await call(entities, forged)).status).toBe(401);
        }
      });

      it('answers a valid gateway token, and enforces the role inside _entities', async () => {
        const sign = await signer();
        const ok = await call(entities, await sign('peacekeeping', { subject: 'alice', role: Role.COORDINATOR }));
        expect(decodeStatisticsContribution(ok.data._entities[0].peacekeeping, Source.PEACEKEEPING).status).toBe('OK');
        const screener = await call(entities, await sign('peacekeeping', { subject: 'dan', role: Role.SCREENER }));
        expect(screener.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
        expect(screener.data?._entities?.[0]?.peacekeeping ?? null).toBeNull();
        expect(JSON.stringify(screener.data)).not.toMatch(/allegations|c1\./);
      });
    });

    // Split, the system view is a service of its own: it must trust exactly what a source trusts.
    if (topology !== 'embedded') {
      describe('only the routing tier may call the system view service', () => {
        const statistics = '{ allegationStatistics(groupBy: [SOURCE]) { scope } }';
        const call = (query: string, token?: string) =>
          postGraphQL<any>(t.hub.systemView?.url as string, query, undefined, token);
        const signer = async (key?: unknown) =>
          createGatewayTokenSigner((key ?? (await readPrivateKey(t.hub.keys.gatewayPrivateKey))) as never);

        it('rejects no token, the caller’s own token, a token for a source, and one signed by another key', async () => {
          for (const query of ['{ _service { sdl } }', statistics]) {
            const none = await call(query);
            expect(none.status).toBe(401);
            expect(JSON.stringify(none)).not.toMatch(/sdl|scope/);
          }
          expect((await call(statistics, tokens[Role.COORDINATOR])).status).toBe(401);
          const forSource = await (await signer())('peacekeeping', { subject: 'alice', role: Role.COORDINATOR });
          expect((await call(statistics, forSource)).status).toBe(401);
          const forged = await (await signer(otherKey))('system-view', { subject: 'alice', role: Role.COORDINATOR });
          const response = await call(statistics, forged);
          expect(response.status).toBe(401);
          expect(response.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
        });

        it('answers a token the routing tier signed for it, and enforces the role it carries', async () => {
          const sign = await signer();
          const ok = await call(statistics, await sign('system-view', { subject: 'alice', role: Role.COORDINATOR }));
          expect(ok.errors).toBeUndefined();
          expect(typeof ok.data.allegationStatistics.scope).toBe('string');
          const screener = await call(statistics, await sign('system-view', { subject: 'dan', role: Role.SCREENER }));
          expect(screener.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
          expect(screener.data).toBeNull();
        });
      });
    }

    describe("conformance tokens: an entity's team checks its subgraph without the gateway's key", () => {
      const url = () => t.hub.source('agencies').process.url as string;
      const issue = (source: string, days = '7') =>
        psea(['conformance-token', '--source', source, '--days', days], {
          GATEWAY_SIGNING_KEY_FILE: t.hub.keys.gatewayPrivateKey,
        });

      it('checks a live subgraph with a token the operator issued, holding no private key', () => {
        const token = issue('agencies').stdout.trim();
        const result = psea(['check-subgraph', '--url', url(), '--token', token], {
          GATEWAY_SIGNING_KEY_FILE: '/nonexistent/key.pem',
        });
        expect(result.stdout).toMatch(/conforms/);
        expect(result.status).toBe(0);
      });

      it('reads _service only: _entities and every other field are FORBIDDEN', async () => {
        const token = issue('agencies').stdout.trim();
        const scope = encodeScope({ kind: 'statistics', filter: normalizeFilter({ year: 2016 }), groupBy: [] });
        const entities = await postGraphQL<any>(
          url(),
          'query($r: [_Any!]!) { _entities(representations: $r) { ... on StatisticsView { agencies } } }',
          { r: [{ __typename: 'StatisticsView', scope }] },
          token,
        );
        expect(entities.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
        expect(JSON.stringify(entities.data ?? null)).not.toMatch(/allegations":\d|c1\./);
        const describe = await postGraphQL<any>(url(), '{ agenciesSource { entities } }', undefined, token);
        expect(describe.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
        const sdl = await postGraphQL<any>(url(), '{ _service { sdl } }', undefined, token);
        expect(sdl.data._service.sdl).toMatch(/StatisticsView/);
      });

      it('is refused by another source, and cannot be issued for more than 30 days', async () => {
        const token = issue('agencies').stdout.trim();
        const other = await postGraphQL<any>(
          t.hub.source('peacekeeping').process.url as string,
          '{ _service { sdl } }',
          undefined,
          token,
        );
        expect(other.status).toBe(401);
        const long = issue('agencies', '40');
        expect(long.status).toBe(2);
        expect(long.stderr + long.stdout).toMatch(/--days must be a whole number from 1 to 30/);
      });
    });

    describe('focal points see only their own source and entities', () => {
      const fp = () => tokens[Role.FOCAL_POINT];

      it('narrows an unrestricted case page to its entities', async () => {
        const { data } = await t.gql('{ allegations(first: 500) { items { source entity } } }', undefined, fp());
        expect(data.allegations.items.length).toBeGreaterThan(0);
        expect(new Set(data.allegations.items.map((i: { entity: string }) => i.entity))).toEqual(new Set(['UNHCR', 'WFP']));
      });

      it.each([
        ['another source by filter', '{ allegations(filter: { sources: [PEACEKEEPING] }) { items { id } } }'],
        ['another entity by filter', '{ allegations(filter: { entities: ["UNICEF"] }) { items { id } } }'],
        ['another source by id', '{ allegation(id: "peacekeeping:1") { allegation { id } } }'],
      ])('is FORBIDDEN to reach %s, without learning whether records exist', async (_name, query) => {
        const { data, errors } = await t.gql(query, undefined, fp());
        expect(errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', operation: 'cases' });
        expect(data).toBeNull();
      });

      it('gets nothing of other entities through a lookup of its own source', async () => {
        const { data: all } = await t.gql(
          '{ allegations(filter: { sources: [AGENCIES], entities: ["UNICEF"] }, first: 1) { items { id } } }',
        );
        const unicefId = all.allegations.items[0].id;
        const { data } = await t.gql('query($id: ID!) { allegation(id: $id) { allegation { id } } }', { id: unicefId }, fp());
        expect(data.allegation.allegation).toBeNull();
      });

      it('gets nothing through _entities for another source, and FORBIDDEN for other entities', async () => {
        const sign = createGatewayTokenSigner(await readPrivateKey(t.hub.keys.gatewayPrivateKey));
        const focal = { subject: 'bob', role: Role.FOCAL_POINT, source: 'agencies', entities: ['UNHCR'] };
        const page = (entities: string[]) => ({
          __typename: 'AllegationPageView',
          scope: encodeScope({ kind: 'page', filter: normalizeFilter({ entities }), first: 10 }),
        });
        const query = (field: string) =>
          `query($r: [_Any!]!) { _entities(representations: $r) { ... on AllegationPageView { ${field} { status items { id } } } } }`;
        const pk = await postGraphQL<any>(
          t.hub.source('peacekeeping').process.url as string,
          query('peacekeeping'),
          { r: [page(['MINUSCA'])] },
          await sign('peacekeeping', focal),
        );
        expect(pk.data._entities[0].peacekeeping).toEqual({ status: 'EXCLUDED', items: null });
        const ag = await postGraphQL<any>(
          t.hub.source('agencies').process.url as string,
          query('agencies'),
          { r: [page(['UNICEF'])] },
          await sign('agencies', focal),
        );
        expect(ag.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
        expect(JSON.stringify(ag.data)).not.toMatch(/agencies:\d/);
      });
    });

    describe('pseudonymised screening', () => {
      it.each(CROSS_SOURCE_SUBJECTS.map((s) => [s.recorded.join(' / '), s]))(
        'matches the same person recorded differently in two sources (%s)',
        async (_name, subject) => {
          const [kind, ...rest] = subject.recorded[0].split(':');
          const input =
            kind === 'UNINDEX'
              ? { unIndexNumber: rest[0] }
              : { passports: [{ country: (rest[0] as string).toLowerCase(), number: ` ${rest[1]} ` }] };
          const { data, errors } = await t.gql(
            'query($s: SubjectInput!) { screen(subject: $s) { matched complete contactEntities matches { source entity year allegationType investigationStatus finalActions } } }',
            { s: input },
            tokens[Role.COORDINATOR],
          );
          expect(errors).toBeUndefined();
          expect(data.screen.complete).toBe(true);
          expect(new Set(data.screen.matches.map((m: { source: string }) => m.source))).toEqual(new Set(subject.sources));
          expect(Object.keys(data.screen.matches[0]).sort()).toEqual(
            ['allegationType', 'entity', 'finalActions', 'investigationStatus', 'source', 'year'].sort(),
          );
          expect(data.screen.contactEntities).toEqual(
            [...new Set(data.screen.matches.map((m: { entity: string }) => m.entity))].sort(),
          );
        },
      );

      it('does not match different people', async () => {
        const { data } = await t.gql(
          '{ screen(subject: { unIndexNumber: "8000002", passports: [{ country: "FRA", number: "SY7654320" }] }) { matched contactEntities } }',
          undefined,
          tokens[Role.SCREENER],
        );
        expect(data.screen).toEqual({ matched: false, contactEntities: [] });
      });

      it('keeps no identifier in clear in any source database', async () => {
        for (const name of ['peacekeeping', 'agencies', 'non-un-forces']) {
          const url = t.hub.source(name).databaseUrl;
          const pseudonyms = await sql(url, 'SELECT pseudonym FROM subject_pseudonym');
          expect(pseudonyms.length).toBeGreaterThan(0);
          for (const p of pseudonyms) expect(p['pseudonym']).toMatch(/^[0-9a-f]{64}$/);
          const dump = JSON.stringify(await sql(url, 'SELECT to_jsonb(a) AS row FROM audit_log a'));
          expect(dump).not.toMatch(/8000001|SX1234567|SY7654321/);
        }
      });

      it('rejects malformed identifiers naming the argument', async () => {
        const { errors } = await t.gql(
          '{ screen(subject: { passports: [{ country: "XX", number: "1" }] }) { matched } }',
          undefined,
          tokens[Role.SCREENER],
        );
        expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'subject.passports[0].country' });
      });
    });

    describe('audit', () => {
      it('writes who, role, operation, filter, count and ids for each case-level read and screening', async () => {
        const url = t.hub.source('agencies').databaseUrl;
        const before = Number((await sql(url, 'SELECT count(*) AS n FROM audit_log'))[0]?.['n']);
        const { data } = await t.gql(
          '{ allegations(filter: { sources: [AGENCIES], year: 2016 }, first: 5) { items { id } } }',
          undefined,
          tokens[Role.COORDINATOR],
        );
        await t.gql('{ screen(subject: { unIndexNumber: "8000001" }) { matched } }', undefined, tokens[Role.SCREENER]);
        const rows = await sql(
          url,
          'SELECT subject, role, operation, scope, records, record_ids FROM audit_log ORDER BY id DESC LIMIT 2',
        );
        expect(Number((await sql(url, 'SELECT count(*) AS n FROM audit_log'))[0]?.['n'])).toBe(before + 2);
        const [screening, page] = rows;
        expect(page).toMatchObject({ subject: 'alice', role: 'coordinator', operation: 'page', records: 5 });
        expect(page?.['record_ids']).toEqual(data.allegations.items.map((i: { id: string }) => i.id));
        expect((page?.['scope'] as { filter: unknown }).filter).toEqual({
          from: '2016-01',
          to: '2016-12',
          sources: ['AGENCIES'],
        });
        expect(screening).toMatchObject({ subject: 'dan', role: 'screener', operation: 'screening', records: 1 });
        expect(screening?.['scope']).toEqual({ kind: 'screening', identifiers: 1 });
      });

      it('cannot be altered, deleted or truncated, even by the database owner', async () => {
        const url = t.hub.source('agencies').ownerDatabaseUrl as string;
        await expect(sql(url, "UPDATE audit_log SET subject = 'nobody'")).rejects.toThrow(/append-only/);
        await expect(sql(url, 'DELETE FROM audit_log')).rejects.toThrow(/append-only/);
        await expect(sql(url, 'TRUNCATE audit_log')).rejects.toThrow(/append-only/);
      });

      it('summarises reads for coordinators, and a focal point sees only its own source', async () => {
        const coordinator = await t.gql('{ auditSummary { rows { source operation role requests records } complete } }');
        const sources = new Set(coordinator.data.auditSummary.rows.map((r: { source: string }) => r.source));
        expect(sources.has('AGENCIES')).toBe(true);
        expect(sources.has('PEACEKEEPING')).toBe(true);
        const focal = await t.gql('{ auditSummary { rows { source } } }', undefined, tokens[Role.FOCAL_POINT]);
        expect(new Set(focal.data.auditSummary.rows.map((r: { source: string }) => r.source))).toEqual(new Set(['AGENCIES']));
      });
    });

    describe('hardening at the gateway', () => {
      it('rejects too many aliases', async () => {
        const query = `{ ${Array.from({ length: 20 }, (_, i) => `a${i}: allegationStatistics { complete }`).join(' ')} }`;
        const { errors } = await t.gql(query);
        expect(errors?.[0]?.extensions?.['code']).toBe('TOO_MANY_ALIASES');
      });

      it('rejects a query deeper than the limit', async () => {
        const { errors } = await t.gql('{ allegationStatistics { rows { counts { victims { total } } } } }');
        expect(errors).toBeUndefined();
        const deep = await t.gql(
          'fragment F on StatisticsView { rows { key { source } counts { victims { total } } } } { allegationStatistics { perSource { rows { counts { victims { total } } } } ...F } }',
        );
        expect(deep.errors?.[0]?.extensions?.['code']).toBe('QUERY_TOO_DEEP');
      });

      it('rejects a query over the cost limit', async () => {
        const fields =
          'id reference entity reportedMonth victims { women girls boys men total minors } finalActions interimActions';
        const query = `{ ${Array.from({ length: 12 }, (_, i) => `p${i}: allegations(first: 500) { items { ${fields} } perSource { items { ${fields} } } }`).join(' ')} }`;
        const { errors } = await t.gql(query);
        expect(errors?.[0]?.extensions?.['code']).toBe('QUERY_TOO_COSTLY');
      });

      it('rejects a query with too many tokens', async () => {
        const query = `{ allegationStatistics { ${'complete '.repeat(2100)} } }`;
        const { errors } = await t.gql(query);
        expect(errors?.[0]?.extensions?.['code']).toBe('QUERY_TOO_LARGE');
      });

      it('rejects batched operations and oversized bodies with clear errors', async () => {
        const batch = await fetch(t.hub.gatewayUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[Role.COORDINATOR]}` },
          body: JSON.stringify([
            { query: '{ allegationStatistics { complete } }' },
            { query: '{ allegationStatistics { complete } }' },
          ]),
        });
        expect(batch.status).toBe(400);
        expect(await batch.text()).toMatch(/batch/i);
        const large = await postGraphQL(
          t.hub.gatewayUrl,
          `{ allegationStatistics { complete } } # ${'x'.repeat(30_000)}`,
          undefined,
          tokens[Role.COORDINATOR],
        );
        expect(large.status).toBe(413);
        expect(large.errors?.[0]?.extensions?.['code']).toBe('PAYLOAD_TOO_LARGE');
      });

      it('blocks requests a browser could forge (CSRF prevention)', async () => {
        const url = `${t.hub.gatewayUrl}?query=${encodeURIComponent('{ allegationStatistics { complete } }')}`;
        const response = await fetch(url, { headers: { authorization: `Bearer ${tokens[Role.COORDINATOR]}` } });
        expect(response.status).toBe(400);
        expect(await response.text()).toMatch(/Cross-Site Request Forgery/);
      });

      it.each([
        ['entities', '{ allegationStatistics(filter: { entities: ["X\' OR 1=1 --"] }) { complete } }'],
        ['nationalities', '{ allegationStatistics(filter: { nationalities: ["A\'); DROP TABLE case_file; --"] }) { complete } }'],
        ['after', '{ allegations(after: "c1.\'; DELETE FROM allegation; --") { items { id } } }'],
        ['id', '{ allegation(id: "agencies:1; DROP TABLE case_file") { allegation { id } } }'],
        ['quarter', '{ allegationStatistics(filter: { quarter: "2016Q1\' --" }) { complete } }'],
        ['fromMonth', '{ allegationStatistics(filter: { fromMonth: "2016-01\'::date; --" }) { complete } }'],
        ['auditSummary.from', "{ auditSummary(from: \"2016-01-01' OR '1'='1\") { complete } }"],
        [
          'subject',
          '{ screen(subject: { nationalIds: [{ country: "KEN", number: "1\'; DROP TABLE subject_pseudonym; --" }] }) { matched } }',
        ],
      ])('keeps SQL metacharacters in %s inert', async (_name, query) => {
        const { errors } = await t.gql(query);
        for (const error of errors ?? []) expect(error.extensions?.['code']).not.toBe('INTERNAL_SERVER_ERROR');
        const { data } = await t.gql('{ allegationStatistics { total { allegations } } }');
        expect(data.allegationStatistics.total.allegations).toBe(402);
      });
    });
  });
});

describe('in production', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub({ env: { NODE_ENV: 'production' }, topology: TEST_TOPOLOGIES[0] });
  }, 300_000);
  afterAll(async () => {
    await t?.stop();
  });

  describe.each(TEST_TOPOLOGIES)('(%s routing tier)', (topology) => {
    beforeAll(async () => {
      if (t.hub.topology !== topology) await t.hub.useTopology(topology);
    }, 180_000);

    it('turns introspection and the IDE off', async () => {
      const { errors } = await t.gql('{ __schema { types { name } } }');
      expect(errors?.[0]?.message).toMatch(/introspection/i);
      const page = await fetch(t.hub.gatewayUrl, { headers: { accept: 'text/html' } });
      expect(await page.text()).not.toMatch(/<html/i);
    });

    it('still answers authenticated queries', async () => {
      const { data } = await t.gql('{ allegationStatistics(filter: { year: 2016 }) { total { allegations } } }');
      expect(data.allegationStatistics.total.allegations).toBe(165);
    });
  });
});
