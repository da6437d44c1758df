import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ServiceProcess } from '../packages/devstack/src/service-process';

const MiB = 2 ** 20;
const PROBE = resolve(__dirname, '..', 'packages', 'service', 'dist', 'memory-probe.js');

/**
 * A service as the hub runs them, answering memory probes like the gateway and the sources do;
 * `hold` keeps about 40 MiB of objects reachable, `drop` lets them go (garbage, not freed yet).
 */
const SERVICE = `
const { answerMemoryProbes } = require(${JSON.stringify(PROBE)});
let held = null;
process.on('message', (m) => {
  if (m.type === 'hold') held = Array.from({ length: 400000 }, (_, i) => ({ i, text: 'record ' + i, list: [i, i + 1] }));
  if (m.type === 'drop') held = null;
  if (m.type === 'hold' || m.type === 'drop') process.send({ type: m.type + '-done' });
});
answerMemoryProbes();
process.send({ type: 'ready', url: 'http://127.0.0.1:1/graphql' });
`;

describe("a service's memory, asked by the process that started it", () => {
  let dir: string;
  let script: string;
  const running: ServiceProcess[] = [];
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'memory-probe-'));
    script = join(dir, 'service.js');
    writeFileSync(script, SERVICE);
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((s) => s.stop()));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const start = async (nodeOptions: string): Promise<ServiceProcess> => {
    const service = new ServiceProcess({
      name: 'probe',
      script,
      env: { ...(process.env as Record<string, string>), NODE_OPTIONS: nodeOptions },
      log: () => undefined,
    });
    running.push(service);
    await service.start();
    return service;
  };
  const tell = (service: ServiceProcess, type: 'hold' | 'drop') =>
    new Promise<void>((done) => {
      const child = (service as unknown as { child: import('node:child_process').ChildProcess }).child;
      const onMessage = (m: { type?: string }) => {
        if (m.type === `${type}-done`) {
          child.off('message', onMessage);
          done();
        }
      };
      child.on('message', onMessage);
      child.send({ type });
    });

  it('reports the heap after a forced GC: what is held counts, garbage does not', async () => {
    const service = await start('--expose-gc');
    const empty = await service.memory();
    expect(empty?.gcForced).toBe(true);
    await tell(service, 'hold');
    const holding = await service.memory();
    expect((holding?.heapUsedBytes ?? 0) - (empty?.heapUsedBytes ?? 0)).toBeGreaterThan(20 * MiB);
    await tell(service, 'drop');
    const dropped = await service.memory();
    // Without the forced GC the dropped objects would still be on the heap, looking like a leak.
    expect(Math.abs((dropped?.heapUsedBytes ?? 0) - (empty?.heapUsedBytes ?? 0))).toBeLessThan(5 * MiB);
    expect(dropped?.rssBytes).toBeGreaterThan(dropped?.heapUsedBytes ?? Infinity);
  });

  it('says when no GC could be forced (a service started without --expose-gc)', async () => {
    const service = await start('');
    expect((await service.memory())?.gcForced).toBe(false);
  });

  it('writes a heap snapshot where asked', async () => {
    const service = await start('--expose-gc');
    const file = await service.writeHeapSnapshot(join(dir, 'probe.heapsnapshot'));
    expect(file).toBe(join(dir, 'probe.heapsnapshot'));
    const snapshot = JSON.parse(readFileSync(file as string, 'utf8')) as { snapshot: { meta: { node_fields: string[] } } };
    expect(snapshot.snapshot.meta.node_fields).toContain('self_size');
  });

  it('answers nothing once the service is gone', async () => {
    const service = await start('--expose-gc');
    await service.stop();
    expect(await service.memory(1000)).toBeUndefined();
  });
});
