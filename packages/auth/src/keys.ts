import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { KeyLike, exportPKCS8, exportSPKI, generateKeyPair, importPKCS8, importSPKI } from 'jose';

/** Signing algorithm of every token the hub issues or accepts. */
export const ALGORITHM = 'ES256';

export async function readPrivateKey(file: string): Promise<KeyLike> {
  return importPKCS8(readFileSync(file, 'utf8'), ALGORITHM);
}

export async function readPublicKey(file: string): Promise<KeyLike> {
  return importSPKI(readFileSync(file, 'utf8'), ALGORITHM);
}

/** Reads the deployment's screening key: at least 32 bytes, stored base64. */
export function readScreeningKey(file: string): Buffer {
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length < 32) throw new Error(`${file} must hold at least 32 random bytes, base64-encoded`);
  return key;
}

/** Where the development keys live, and the files each service reads. */
export interface DevKeys {
  readonly dir: string;
  /** Signs the tokens `npm run token` prints (callers). */
  readonly callerPrivateKey: string;
  /** Verifies callers' tokens at the gateway. */
  readonly callerPublicKey: string;
  /** Signs the gateway's tokens to the sources. */
  readonly gatewayPrivateKey: string;
  /** Verifies the gateway's tokens at the sources. */
  readonly gatewayPublicKey: string;
  /** HMAC key of the screening pseudonyms (the gateway and the ingest tool; never a source's service). */
  readonly screeningKey: string;
}

/**
 * A source's own pseudonym key (development: created on first use). It re-keys the deployment's
 * pseudonyms into the ones that source stores, so its database cannot be brute-forced with the
 * deployment key alone, nor its service with its own key alone.
 */
export function ensureSourcePseudonymKey(keys: Pick<DevKeys, 'dir'>, sourceName: string): string {
  if (!/^[a-z0-9-]+$/.test(sourceName)) throw new Error(`not a source name: ${sourceName}`);
  const file = join(keys.dir, `pseudonym-${sourceName}.key`);
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600 });
  return file;
}

export function devKeyPaths(dir: string): DevKeys {
  return {
    dir,
    callerPrivateKey: join(dir, 'caller-signing.pem'),
    callerPublicKey: join(dir, 'caller-signing.pub.pem'),
    gatewayPrivateKey: join(dir, 'gateway-signing.pem'),
    gatewayPublicKey: join(dir, 'gateway-signing.pub.pem'),
    screeningKey: join(dir, 'screening.key'),
  };
}

async function ensurePair(privateFile: string, publicFile: string): Promise<void> {
  if (existsSync(privateFile) && existsSync(publicFile)) return;
  const { privateKey, publicKey } = await generateKeyPair(ALGORITHM, { extractable: true });
  writeFileSync(privateFile, await exportPKCS8(privateKey), { mode: 0o600 });
  writeFileSync(publicFile, await exportSPKI(publicKey), { mode: 0o644 });
}

/**
 * Creates the development keys on first use (kept, so tokens and pseudonyms survive restarts).
 * Production deployments provide their own files instead.
 */
export async function ensureDevKeys(dir: string): Promise<DevKeys> {
  const keys = devKeyPaths(dir);
  // Only the keys folder is private: the folder it sits in may have to be reachable by others
  // (the embedded PostgreSQL keeps its cluster beside it).
  mkdirSync(dirname(dir), { recursive: true, mode: 0o755 });
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  await ensurePair(keys.callerPrivateKey, keys.callerPublicKey);
  await ensurePair(keys.gatewayPrivateKey, keys.gatewayPublicKey);
  if (!existsSync(keys.screeningKey)) writeFileSync(keys.screeningKey, randomBytes(32).toString('base64'), { mode: 0o600 });
  return keys;
}
