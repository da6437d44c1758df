import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSystemViewServiceConfig } from '../system-view-config';

describe('readSystemViewServiceConfig', () => {
  const dir = mkdtempSync(join(tmpdir(), 'system-view-config-'));
  const publicKey = join(dir, 'gateway.pub');
  const screeningKey = join(dir, 'screening.key');
  writeFileSync(publicKey, 'pem');
  writeFileSync(screeningKey, 'key');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const env = { GATEWAY_PUBLIC_KEY_FILE: publicKey, SCREENING_KEY_FILE: screeningKey };

  it('reads the keys, the sources and an in-memory limiter by default', () => {
    const config = readSystemViewServiceConfig({ ...env, PORT: '0', PEACEKEEPING_URL: 'http://10.0.0.1:4001/graphql' });
    expect(config.port).toBe(0);
    expect(config.gatewayPublicKeyFile).toBe(publicKey);
    expect(config.screeningKeyFile).toBe(screeningKey);
    expect(config.sources.find((s) => s.name === 'peacekeeping')?.url).toBe('http://10.0.0.1:4001/graphql');
    expect(config.limiterStore.kind).toBe('memory');
  });

  it('shares the screening counters through RATE_LIMIT_DATABASE_URL', () => {
    const config = readSystemViewServiceConfig({ ...env, RATE_LIMIT_DATABASE_URL: 'postgres://u@db/limits' });
    expect(config.limiterStore).toMatchObject({ kind: 'postgres' });
  });

  it('refuses to start without the routing tier key or the screening key, naming the variable', () => {
    expect(() => readSystemViewServiceConfig({ SCREENING_KEY_FILE: screeningKey })).toThrow(/GATEWAY_PUBLIC_KEY_FILE must name/);
    expect(() => readSystemViewServiceConfig({ ...env, SCREENING_KEY_FILE: join(dir, 'absent') })).toThrow(
      /SCREENING_KEY_FILE names .*absent, which does not exist/,
    );
    expect(() => readSystemViewServiceConfig({ ...env, PORT: 'eighty' })).toThrow(/PORT/);
  });
});
