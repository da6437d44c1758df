import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { layOutKeys } from '@psea/devstack';
import { ROOT_DIR } from './support/test-hub';

interface ComposeService {
  volumes?: Array<string | { source: string; target: string; volume?: { subpath?: string } }>;
  environment?: Record<string, string>;
}

const SOURCES = ['peacekeeping', 'agencies', 'non-un-forces'];
/** Keys no source's service may hold: they mint tokens or reverse pseudonyms. */
const NEVER_AT_A_SOURCE = ['caller-signing.pem', 'gateway-signing.pem', 'screening.key'];

describe('each service of the production topology gets only the keys it needs', () => {
  let root: string;
  let compose: Record<string, ComposeService>;
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'psea-keys-'));
    await layOutKeys(root, ROOT_DIR);
    compose = (load(readFileSync(join(ROOT_DIR, 'docker-compose.yml'), 'utf8')) as { services: Record<string, ComposeService> })
      .services;
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('lays out one folder per service: the gateway signs, sources verify and key their own pseudonyms', () => {
    expect(readdirSync(join(root, 'gateway')).sort()).toEqual(['caller-signing.pub.pem', 'gateway-signing.pem', 'screening.key']);
    for (const source of SOURCES) {
      expect(readdirSync(join(root, source)).sort()).toEqual(['gateway-signing.pub.pem', `pseudonym-${source}.key`]);
      expect(readdirSync(join(root, `${source}-ingest`)).sort()).toEqual([`pseudonym-${source}.key`, 'screening.key']);
    }
  });

  it('mounts in docker-compose only its own folder into each service, and points every key variable at a file there', () => {
    for (const [name, service] of Object.entries(compose)) {
      const mounts = (service.volumes ?? []).filter((v) => (typeof v === 'string' ? v.startsWith('keys:') : v.source === 'keys'));
      if (name === 'keys') continue;
      const keyVariables = Object.entries(service.environment ?? {}).filter(([k]) => /KEY_FILE$/.test(k));
      if (mounts.length === 0) {
        expect(keyVariables).toEqual([]);
        continue;
      }
      expect(mounts).toHaveLength(1);
      const mount = mounts[0] as { target: string; volume?: { subpath?: string } };
      const folder = mount.volume?.subpath;
      // Replicated routers share one folder: the signing key without the screening key.
      const own = name.endsWith('-seed') ? `${name.replace(/-seed$/, '')}-ingest` : name.startsWith('router-') ? 'router' : name;
      expect(folder).toBe(own);
      if (folder === 'router') expect(readdirSync(join(root, folder)).sort()).not.toContain('screening.key');
      const present = readdirSync(join(root, folder as string));
      for (const [variable, file] of keyVariables) {
        expect([variable, file.startsWith(`${mount.target}/`) && present.includes(file.slice(mount.target.length + 1))]).toEqual([
          variable,
          true,
        ]);
      }
      if (SOURCES.includes(name)) for (const secret of NEVER_AT_A_SOURCE) expect(present).not.toContain(secret);
    }
  });
});
