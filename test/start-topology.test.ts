import { ChildProcess, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Role, sourceVariablePrefix } from '@psea/contract';
import { devKeys, freePort, mintDevToken, registeredSources } from '@psea/devstack';
import { ROOT_DIR, makeStateDir, postGraphQL } from './support/test-hub';

const MAIN = join(ROOT_DIR, 'packages', 'devstack', 'dist', 'main.js');
const STATISTICS = '{ allegationStatistics(filter: { year: 2016 }, groupBy: [SOURCE]) { total { allegations } complete } }';

interface Started {
  readonly child: ChildProcess;
  readonly output: () => string;
  readonly exited: Promise<number | null>;
}

/** `npm start`'s own program, with its ports free and its state in the test's folder. */
function start(args: string[], env: Record<string, string>): Started {
  const childEnv = { ...process.env, ...env } as Record<string, string>;
  // Unset, npm start prints one readable line per event rather than every JSON log line.
  delete childEnv['LOG_LEVEL'];
  const child = spawn(process.execPath, [MAIN, ...args], {
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function running(started: Started): Promise<string> {
  const deadline = Date.now() + 150_000;
  while (Date.now() < deadline) {
    const match = /Gateway\s+(http:\/\/\S+\/graphql)/.exec(started.output());
    if (match && started.output().includes('hub is running')) return match[1] as string;
    if (started.child.exitCode !== null) throw new Error(`npm start exited:\n${started.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`npm start did not start:\n${started.output()}`);
}

describe('npm start chooses its routing tier (--topology, HUB_TOPOLOGY)', () => {
  const stateDir = makeStateDir();
  let env: Record<string, string>;

  beforeAll(async () => {
    env = { PSEA_DATA_DIR: stateDir, PSEA_POSTGRES_PORT: String(await freePort()), PORT: '0' };
    for (const source of registeredSources(ROOT_DIR)) {
      env[`${sourceVariablePrefix(source.name)}_URL`] = `http://127.0.0.1:${await freePort()}/graphql`;
    }
  });
  afterAll(() => rmSync(stateDir, { recursive: true, force: true }));

  it.each([
    ['embedded', [], {}, 'Apollo Gateway, system view in process'],
    ['split', ['--topology', 'split'], {}, 'Apollo Gateway, system view as its own service'],
    ['hive', [], { HUB_TOPOLOGY: 'hive' }, 'Hive Gateway, system view as its own service'],
  ] as const)(
    'starts the %s hub and answers the statistics query at its public address',
    async (_name, args, extra, router) => {
      const started = start([...args], { ...env, ...extra });
      let answer: Awaited<ReturnType<typeof postGraphQL<any>>> | undefined;
      try {
        const url = await running(started);
        expect(started.output()).toContain(router);
        const token = await mintDevToken(await devKeys(stateDir), { role: Role.REPORT_AUTHOR, subject: 'topology' });
        answer = await postGraphQL<any>(url, STATISTICS, undefined, token);
      } finally {
        started.child.kill('SIGINT');
      }
      // Ctrl-C stops it cleanly, whatever the routing tier.
      const code = await started.exited;
      if (code !== 0) throw new Error(`npm start stopped with ${code}:\n${started.output()}`);
      expect(answer?.errors).toBeUndefined();
      expect(answer?.data.allegationStatistics).toEqual({ total: { allegations: 165 }, complete: true });
    },
    200_000,
  );

  it('refuses a topology it does not know, naming the variable, before starting anything', async () => {
    const started = start([], { ...env, HUB_TOPOLOGY: 'apollo-router' });
    expect(await started.exited).toBe(1);
    expect(started.output()).toContain('HUB_TOPOLOGY must be one of embedded, split, hive, got "apollo-router"');
    expect(started.output()).not.toContain('Starting');
  });
});
