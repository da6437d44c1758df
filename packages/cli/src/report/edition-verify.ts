import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalJson } from '@psea/contract';
import { CliError, EXIT } from '../cli-error';
import { EDITION_VERSION, EditionManifest, MANIFEST_FILE, sha256 } from './edition-manifest';
import { signatureValid, verifyingKey } from './edition-signing';

/** An edition read back and checked: its manifest and the content of each of its files. */
export interface Edition {
  readonly folder: string;
  readonly manifest: EditionManifest;
  readonly files: Record<string, string>;
}

function tampered(folder: string, file: string, why: string): CliError {
  return new CliError(`edition ${folder} is not intact: ${file}: ${why}`, EXIT.PROBLEMS);
}

/**
 * Reads an edition and checks everything a reader relies on: the manifest's signature by the
 * report authors' key, then each file against its hash in the manifest, and that no file was
 * added. The first problem is named by its file (exit 1).
 */
export function readEdition(folder: string): Edition {
  const manifestPath = join(folder, MANIFEST_FILE);
  if (!existsSync(manifestPath)) throw new CliError(`${folder} is not an edition: it has no ${MANIFEST_FILE}`, EXIT.USAGE);
  let manifest: EditionManifest;
  try {
    manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as EditionManifest;
  } catch (error) {
    throw tampered(folder, MANIFEST_FILE, `not JSON (${(error as Error).message})`);
  }
  if (manifest === null || typeof manifest !== 'object' || manifest.edition !== EDITION_VERSION || !Array.isArray(manifest.files))
    throw tampered(folder, MANIFEST_FILE, `not an edition manifest of version ${EDITION_VERSION}`);
  if (!signatureValid(manifest, verifyingKey()))
    throw tampered(
      folder,
      MANIFEST_FILE,
      "its signature does not verify with the report authors' key (changed after signing, or signed by another key)",
    );
  if (sha256(canonicalJson(manifest.files)) !== manifest.contentHash)
    throw tampered(folder, MANIFEST_FILE, 'its content hash does not match its list of files');
  const files: Record<string, string> = {};
  for (const entry of manifest.files) {
    const path = join(folder, entry.name);
    if (!existsSync(path)) throw tampered(folder, entry.name, 'missing');
    const content = readFileSync(path);
    if (sha256(content) !== entry.sha256)
      throw tampered(folder, entry.name, 'its content does not match the signed manifest (changed after the edition was frozen)');
    files[entry.name] = content.toString('utf8');
  }
  const listed = new Set([MANIFEST_FILE, ...manifest.files.map((f) => f.name)]);
  const extra = readdirSync(folder).filter((f) => !listed.has(f));
  if (extra.length) throw tampered(folder, extra[0] as string, 'not part of the edition (added after it was frozen)');
  return { folder, manifest, files };
}
