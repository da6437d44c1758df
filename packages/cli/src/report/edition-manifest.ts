import { createHash } from 'node:crypto';
import { canonicalJson } from '@psea/contract';
import type { AnnexProvenance } from './source-provenance';

/** The file of an edition that describes and signs the rest. */
export const MANIFEST_FILE = 'manifest.json';
export const EDITION_VERSION = 1;

/** What an edition is: its report, its per-source data versions, its files and their hash. */
export interface EditionManifest {
  readonly edition: number;
  readonly report: 'annex' | 'quarterly';
  readonly period: string;
  readonly producedAt: string;
  readonly complete: boolean;
  readonly sources: AnnexProvenance['sources'];
  readonly unsubmitted: AnnexProvenance['unsubmitted'];
  readonly files: Array<{ name: string; sha256: string; bytes: number }>;
  /** SHA-256 of the canonical JSON of `files`: one value that names the whole content. */
  readonly contentHash: string;
  readonly signature?: { algorithm: 'Ed25519'; keyId: string; value: string };
}

export function sha256(content: string | Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

/** The manifest of an edition's files (sorted by name), unsigned. */
export function buildManifest(
  fields: Pick<EditionManifest, 'report' | 'period' | 'producedAt' | 'complete' | 'sources' | 'unsubmitted'>,
  files: Record<string, string>,
): EditionManifest {
  const list = Object.keys(files)
    .sort()
    .map((name) => ({ name, sha256: sha256(files[name] as string), bytes: Buffer.byteLength(files[name] as string) }));
  return { edition: EDITION_VERSION, ...fields, files: list, contentHash: sha256(canonicalJson(list)) };
}

/** The bytes a signature covers: the manifest without its signature, canonically. */
export function signedBytes(manifest: EditionManifest): Buffer {
  const { signature: _signature, ...unsigned } = manifest;
  return Buffer.from(canonicalJson(unsigned));
}

/** The manifest as written: stable key order, so equal editions are equal bytes. */
export function renderManifest(manifest: EditionManifest): string {
  return `${JSON.stringify(JSON.parse(canonicalJson(manifest)), null, 2)}\n`;
}
