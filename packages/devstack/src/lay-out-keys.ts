import { chmodSync, copyFileSync, mkdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { ensureDevKeys, ensureReportSigningKey, ensureSourcePseudonymKey } from '@psea/auth';
import { registeredSources } from './registered-sources';

/**
 * Demonstration keys for docker-compose, one folder per service holding only what it needs:
 *   gateway/            the callers' public key, the gateway's signing key, the screening key
 *   router/             a router of the split topology: the callers' public key and the signing key
 *   system-view/        the system view's own service: the gateway's public key and the screening key
 *   <source>/           the gateway's public key and the source's own pseudonym key
 *   <source>-ingest/    the screening key and the source's pseudonym key (psea ingest / seed)
 *   report-author/      the edition-signing key pair (psea report --freeze; verifiers need the .pub.pem only)
 * Each service mounts its own folder only. A real deployment provides its own files instead.
 */
export async function layOutKeys(root: string, rootDir: string): Promise<string[]> {
  const all = await ensureDevKeys(join(root, 'all'));
  const folders: Record<string, string[]> = {
    gateway: [all.callerPublicKey, all.gatewayPrivateKey, all.screeningKey],
    router: [all.callerPublicKey, all.gatewayPrivateKey],
    'system-view': [all.gatewayPublicKey, all.screeningKey],
  };
  const report = ensureReportSigningKey(all);
  folders['report-author'] = [report.privateKey, report.publicKey];
  for (const source of registeredSources(rootDir)) {
    const own = ensureSourcePseudonymKey(all, source.name);
    folders[source.name] = [all.gatewayPublicKey, own];
    folders[`${source.name}-ingest`] = [all.screeningKey, own];
  }
  for (const [folder, files] of Object.entries(folders)) {
    const dir = join(root, folder);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    for (const file of files) {
      const target = join(dir, basename(file));
      copyFileSync(file, target);
      chmodSync(target, 0o400);
    }
  }
  return Object.keys(folders);
}

if (require.main === module) {
  const root = process.argv[2];
  if (!root) {
    process.stderr.write('usage: node lay-out-keys.js <keys folder>\n');
    process.exit(2);
  }
  layOutKeys(resolve(root), resolve(__dirname, '..', '..', '..')).then(
    (folders) => process.stdout.write(`keys laid out for ${folders.join(', ')}\n`),
    (error: unknown) => {
      process.stderr.write(`${String(error)}\n`);
      process.exit(1);
    },
  );
}
