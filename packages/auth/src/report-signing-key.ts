import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DevKeys } from './keys';

/**
 * The report authors' edition-signing key pair (development: created on first use beside the
 * other development keys). Ed25519: its signatures are deterministic, so an edition regenerated
 * with `--as-of` is byte-identical, manifest signature included.
 */
export function ensureReportSigningKey(keys: Pick<DevKeys, 'dir'>): { privateKey: string; publicKey: string } {
  const privateKey = join(keys.dir, 'report-signing.pem');
  const publicKey = join(keys.dir, 'report-signing.pub.pem');
  if (!existsSync(privateKey) || !existsSync(publicKey)) {
    mkdirSync(keys.dir, { recursive: true, mode: 0o700 });
    const pair = generateKeyPairSync('ed25519');
    writeFileSync(privateKey, pair.privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    writeFileSync(publicKey, pair.publicKey.export({ type: 'spki', format: 'pem' }), { mode: 0o644 });
  }
  return { privateKey, publicKey };
}
