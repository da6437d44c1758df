import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A copy of the repository at `rootDir` as a user has it after `npm ci` and `npm run build`:
 * its tracked and untracked (not ignored) files, every dist/ folder, and the installed packages
 * as hard links (a full copy in a second, without their size). What the publishing guide's test
 * and the many-sources benchmark scaffold new sources into, leaving the repository untouched.
 */
export function copyRepository(rootDir: string, prefix = 'psea-copy-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(dir, 0o755);
  const git = (args: string[]) => execFileSync('git', args, { cwd: rootDir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const files = git(['ls-files', '--cached', '--others', '--exclude-standard']).split('\n').filter(Boolean);
  for (const file of files) {
    // A file deleted in the work tree but still in the index is not part of the user's copy.
    if (existsSync(join(rootDir, file)))
      cpSync(join(rootDir, file), join(dir, file), { recursive: true, verbatimSymlinks: true });
  }
  for (const folder of git(['ls-files', '-z', '--directory', '-o', '-i', '--exclude-standard'])
    .split('\0')
    .filter((f) => /(^|\/)dist\/$/.test(f))) {
    cpSync(join(rootDir, folder), join(dir, folder), { recursive: true });
  }
  for (const folder of [
    'node_modules',
    ...['packages', 'subgraphs'].flatMap((p) => readdirSync(join(rootDir, p)).map((d) => join(p, d, 'node_modules'))),
    'gateway/node_modules',
    'bench/node_modules',
  ]) {
    if (existsSync(join(rootDir, folder))) execFileSync('cp', ['-al', join(rootDir, folder), join(dir, folder)]);
  }
  return dir;
}
