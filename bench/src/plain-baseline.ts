import { ChildProcess, fork } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SYSTEM_VIEW, SYSTEM_VIEW_URL, composeSupergraph, fetchSdl, localSdl } from '@psea/composition';
import type { SourceRegistration } from '@psea/contract';
import type { Hub } from '@psea/devstack';
import { buildSystemViewSchema } from '@psea/gateway';
import { createLogger } from '@psea/service';
import { ScreeningLimiter } from '@psea/subgraph-kit';
import { BENCH_SCREENING_LIMITS } from './scenarios';

/**
 * The plain baseline: a bare Apollo Gateway (plain-gateway.ts) over the same supergraph and
 * sources as the hub, without the hub's own layers, started as its own process.
 */
export async function startPlainGateway(
  root: string,
  hub: Hub,
  sources: readonly SourceRegistration[],
  stateDir: string,
  sign: (audience: string, caller: 'gateway') => Promise<string>,
  screeningKey: Buffer,
): Promise<{ readonly url: string; readonly process: ChildProcess }> {
  const sdls = await Promise.all(
    sources.map(async (s) => ({
      name: s.name,
      url: hub.source(s.name).process.url as string,
      sdl: await fetchSdl(s.name, hub.source(s.name).process.url as string, 5000, {
        authorization: `Bearer ${await sign(s.name, 'gateway')}`,
      }),
    })),
  );
  const systemView = await buildSystemViewSchema(sources, {
    screeningKey,
    screeningLimiter: await ScreeningLimiter.create(BENCH_SCREENING_LIMITS, { kind: 'memory' }, createLogger('bench')),
  });
  const supergraphFile = join(stateDir, 'supergraph.graphql');
  writeFileSync(
    supergraphFile,
    composeSupergraph([{ name: SYSTEM_VIEW, url: SYSTEM_VIEW_URL, sdl: await localSdl(systemView) }, ...sdls]),
  );
  const plain = fork(
    join(__dirname, 'plain-gateway.js'),
    [
      supergraphFile,
      join(root, 'gateway', 'sources.json'),
      hub.keys.gatewayPrivateKey,
      hub.keys.screeningKey,
      JSON.stringify(Object.fromEntries(sdls.map((s) => [s.name, s.url]))),
    ],
    { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
  );
  // It either says it is ready or exits: nothing is left running when this rejects.
  const url = await new Promise<string>((ok, fail) => {
    plain.once('message', (m: { url: string }) => ok(m.url));
    plain.once('exit', (code) => fail(new Error(`the plain gateway exited (${code})`)));
  });
  return { url, process: plain };
}
