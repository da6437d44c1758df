import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { copyRepository, freePort } from '@psea/devstack';
import { ROOT_DIR } from './support/test-hub';

/** The shell blocks of the guide, in order. */
function shellBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1] as string);
}

describe('docs/publishing-a-subgraph.md, followed step by step', () => {
  let dir: string;
  let hub: ChildProcess | undefined;
  const env = { ...process.env, PSEA_DATA_DIR: '', LOG_LEVEL: 'warn' } as Record<string, string>;

  beforeAll(async () => {
    dir = copyRepository(ROOT_DIR, 'psea-guide-');
    env['PSEA_DATA_DIR'] = join(dir, '.data');
    env['PSEA_POSTGRES_PORT'] = String(await freePort());
  }, 120_000);

  afterAll(async () => {
    if (hub?.pid && hub.exitCode === null) {
      const exited = new Promise((resolve) => hub?.once('exit', resolve));
      process.kill(-hub.pid, 'SIGINT');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('takes a new source from nothing to the system-wide view', async () => {
    const blocks = shellBlocks(readFileSync(join(ROOT_DIR, 'docs', 'publishing-a-subgraph.md'), 'utf8'));
    expect(blocks).toHaveLength(5);
    let last = '';
    for (const block of blocks) {
      if (block.includes('# keeps running')) {
        hub = spawn('bash', ['-c', block], { cwd: dir, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
        let output = '';
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`npm start did not start:\n${output}`)), 120_000);
          hub?.stdout?.on('data', (chunk: Buffer) => {
            output += chunk.toString();
            if (output.includes('hub is running')) {
              clearTimeout(timer);
              resolve();
            }
          });
          hub?.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
          hub?.once('exit', (code) => reject(new Error(`npm start exited (${code}):\n${output}`)));
        });
        expect(output).toMatch(/example-agency\s+http:\/\/127\.0\.0\.1:4004\/graphql/);
        continue;
      }
      try {
        last = execFileSync('bash', ['-e', '-c', block], { cwd: dir, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      } catch (error) {
        const e = error as { stdout?: string; stderr?: string };
        throw new Error(`this step of the guide failed:\n${block}\n${e.stdout ?? ''}\n${e.stderr ?? ''}`);
      }
    }
    const answer = JSON.parse(last) as {
      data: {
        allegationStatistics: { complete: boolean; rows: Array<{ key: { source: string }; counts: { allegations: number } }> };
      };
    };
    expect(answer.data.allegationStatistics.complete).toBe(true);
    expect(answer.data.allegationStatistics.rows).toContainEqual({
      key: { source: 'EXAMPLE_AGENCY' },
      counts: { allegations: 3 },
    });
    expect(answer.data.allegationStatistics.rows).toContainEqual({
      key: { source: 'PEACEKEEPING' },
      counts: { allegations: 234 },
    });
  }, 300_000);
});
