import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT_DIR } from './test-hub';

export interface CommandResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the psea command as a user would, in its own process. */
export function psea(args: string[], env: Record<string, string> = {}): CommandResult {
  const result = spawnSync(process.execPath, [join(ROOT_DIR, 'packages', 'cli', 'bin', 'psea.js'), ...args], {
    cwd: ROOT_DIR,
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}
