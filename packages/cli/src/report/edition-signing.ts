import { KeyObject, createHash, createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureReportSigningKey } from '@psea/auth';
import { CliError, EXIT } from '../cli-error';
import { DATA_DIR } from '../paths';
import { EditionManifest, signedBytes } from './edition-manifest';

/** Where the development keys live (the same folder as the hub's other development keys). */
const DEV_KEYS = { dir: join(DATA_DIR, 'keys') };

function readKey<T>(file: string, variable: string, parse: (pem: string) => T): T {
  try {
    return parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new CliError(`${variable}: cannot read an Ed25519 key from ${file}: ${(error as Error).message}`, EXIT.ENVIRONMENT);
  }
}

function ed25519(key: KeyObject, variable: string): KeyObject {
  if (key.asymmetricKeyType !== 'ed25519')
    throw new CliError(
      `${variable}: the key is ${key.asymmetricKeyType ?? 'not asymmetric'}, expected Ed25519`,
      EXIT.ENVIRONMENT,
    );
  return key;
}

/** A short, stable name of a public key: which key signed an edition. */
export function keyId(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 16);
}

/** The report authors' signing key: REPORT_SIGNING_KEY_FILE, else the development key. */
export function signingKey(): KeyObject {
  const file = process.env['REPORT_SIGNING_KEY_FILE'];
  return ed25519(
    readKey(file ?? ensureReportSigningKey(DEV_KEYS).privateKey, 'REPORT_SIGNING_KEY_FILE', (pem) => createPrivateKey(pem)),
    'REPORT_SIGNING_KEY_FILE',
  );
}

/** The key editions are verified with: REPORT_SIGNING_PUBLIC_KEY_FILE, else the development key. */
export function verifyingKey(): KeyObject {
  const file = process.env['REPORT_SIGNING_PUBLIC_KEY_FILE'];
  return ed25519(
    readKey(file ?? ensureReportSigningKey(DEV_KEYS).publicKey, 'REPORT_SIGNING_PUBLIC_KEY_FILE', (pem) => createPublicKey(pem)),
    'REPORT_SIGNING_PUBLIC_KEY_FILE',
  );
}

export function signManifest(manifest: EditionManifest, key: KeyObject): EditionManifest {
  const value = sign(null, signedBytes(manifest), key).toString('base64');
  return { ...manifest, signature: { algorithm: 'Ed25519', keyId: keyId(createPublicKey(key)), value } };
}

/** True when the manifest carries a valid signature by `key`. */
export function signatureValid(manifest: EditionManifest, key: KeyObject): boolean {
  const signature = manifest.signature;
  if (!signature || signature.algorithm !== 'Ed25519' || typeof signature.value !== 'string') return false;
  return verify(null, signedBytes(manifest), key, Buffer.from(signature.value, 'base64'));
}
