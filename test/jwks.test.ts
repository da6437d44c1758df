import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KeyLike, SignJWT, exportJWK, generateKeyPair } from 'jose';
import { TestHub, postGraphQL, startTestHub } from './support/test-hub';

/** An identity provider's key set, served the way an OIDC provider serves it. */
async function jwksServer(publicKey: KeyLike): Promise<{ server: Server; url: string }> {
  const jwk = { ...(await exportJWK(publicKey)), kid: 'idp-key-1', alg: 'ES256', use: 'sig' };
  const server = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys: req.url === '/.well-known/jwks.json' ? [jwk] : [] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json` };
}

describe('callers authenticated by an identity provider (JWKS)', () => {
  let t: TestHub;
  let idp: { server: Server; url: string };
  let privateKey: KeyLike;
  const ISSUER = 'https://idp.example.org';

  const token = (kid: string, key: KeyLike = privateKey) =>
    new SignJWT({ role: 'report-author' })
      .setProtectedHeader({ alg: 'ES256', kid, typ: 'at+jwt' })
      .setIssuer(ISSUER)
      .setAudience('psea-hub')
      .setSubject('erin@example.org')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(key);

  beforeAll(async () => {
    const pair = await generateKeyPair('ES256');
    privateKey = pair.privateKey;
    idp = await jwksServer(pair.publicKey);
    t = await startTestHub({ env: { AUTH_JWKS_URL: idp.url, AUTH_ISSUER: ISSUER } });
  }, 120_000);
  afterAll(async () => {
    await t?.stop();
    idp?.server.close();
  });

  it('accepts a token signed by a key of the provider’s key set', async () => {
    const response = await postGraphQL<any>(
      t.hub.gatewayUrl,
      '{ allegationStatistics(filter: { year: 2016 }) { total { allegations } } }',
      undefined,
      await token('idp-key-1'),
    );
    expect(response.status).toBe(200);
    expect(response.data.allegationStatistics.total.allegations).toBe(165);
  });

  it('rejects a token whose key is not in the set, and a development token', async () => {
    const unknown = await postGraphQL(
      t.hub.gatewayUrl,
      '{ allegationStatistics { complete } }',
      undefined,
      await token('someone-else'),
    );
    expect(unknown.status).toBe(401);
    expect(unknown.errors?.[0]?.message).toMatch(/unknown key|signature|malformed/);
    const other = (await generateKeyPair('ES256')).privateKey;
    const forged = await postGraphQL(
      t.hub.gatewayUrl,
      '{ allegationStatistics { complete } }',
      undefined,
      await token('idp-key-1', other),
    );
    expect(forged.status).toBe(401);
    const dev = await postGraphQL(
      t.hub.gatewayUrl,
      '{ allegationStatistics { complete } }',
      undefined,
      await t.token({ role: 'coordinator' as never }),
    );
    expect(dev.status).toBe(401);
  });
});
