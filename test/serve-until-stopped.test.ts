import { fork } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const SERVICE_PACKAGE = resolve(__dirname, '..', 'packages', 'service', 'dist');
const CONTRACT_PACKAGE = resolve(__dirname, '..', 'packages', 'contract', 'dist');

/**
 * A service run the way the gateway, the Hive gateway, the system-view service and every source
 * are: `serveUntilStopped`. Its one route answers after `?ms=` milliseconds, so a stop can be
 * asked while a request is in flight; `release` writes a line the test reads, so the order of the
 * stop shows. `START` picks how the start goes.
 */
const SERVICE = `
const { createServer } = require('node:http');
const { OperatorError } = require(${JSON.stringify(CONTRACT_PACKAGE)});
const { ServiceMetrics, createLogger, serveUntilStopped, startTracing } = require(${JSON.stringify(SERVICE_PACKAGE)});
const logger = createLogger('probe');
serveUntilStopped(logger, async () => {
  if (process.env.START === 'operator') throw new OperatorError('PROBE_FILE names nothing', 2);
  if (process.env.START === 'crash') throw new Error('the database said no');
  const http = createServer((req, res) => {
    const ms = Number(new URL(req.url, 'http://x').searchParams.get('ms') || 0);
    setTimeout(() => res.end('done after ' + ms), ms);
  });
  return {
    app: { http, stop: async () => process.stdout.write('app stopped\\n') },
    config: { port: 0, host: '127.0.0.1', management: { port: 0, host: '127.0.0.1', token: undefined } },
    metrics: new ServiceMetrics('probe'),
    tracing: startTracing('probe'),
    readyMessage: 'probe ready',
    release: async () => process.stdout.write('released\\n'),
  };
});
`;

interface Run {
  readonly child: ReturnType<typeof fork>;
  readonly output: () => string;
  readonly exit: Promise<number | null>;
  readonly ready: Promise<{ url: string; metricsUrl: string }>;
}

describe('serveUntilStopped: one start and stop for every service', () => {
  let dir: string;
  let script: string;
  const children: Run['child'][] = [];
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'serve-until-stopped-'));
    script = join(dir, 'service.js');
    writeFileSync(script, SERVICE);
  });
  afterAll(() => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  const run = (start: string): Run => {
    let text = '';
    const child = fork(script, [], {
      env: { ...process.env, START: start, LOG_LEVEL: 'info', OTEL_EXPORTER_OTLP_ENDPOINT: '' },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    children.push(child);
    child.stdout?.on('data', (d: Buffer) => (text += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (text += d.toString()));
    const exit = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
    const ready = new Promise<{ url: string; metricsUrl: string }>((ok, fail) => {
      child.on('message', (m: { type?: string; url: string; metricsUrl: string }) => {
        if (m.type === 'ready') ok(m);
      });
      void exit.then((code) => fail(new Error(`exited with ${code} before it was ready:\n${text}`)));
    });
    ready.catch(() => undefined);
    return { child, output: () => text, exit, ready };
  };

  it('says it is ready with both addresses, metrics on the management listener only', async () => {
    const service = run('ok');
    const { url, metricsUrl } = await service.ready;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/graphql$/);
    expect(metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    expect(new URL(metricsUrl).port).not.toBe(new URL(url).port);
    expect((await fetch(metricsUrl)).status).toBe(200);
    expect(await (await fetch(url.replace('/graphql', '/metrics'))).text()).toBe('done after 0');
    expect(service.output()).toMatch(/"msg":"probe ready"/);
    service.child.kill('SIGTERM');
    expect(await service.exit).toBe(0);
  });

  it('on SIGTERM lets the request in flight finish, stops the app, then releases the rest, and exits 0', async () => {
    const service = run('ok');
    const { url } = await service.ready;
    const inFlight = fetch(`${url}?ms=1500`).then((r) => r.text());
    await new Promise((r) => setTimeout(r, 300));
    service.child.kill('SIGTERM');
    expect(await inFlight).toBe('done after 1500');
    expect(await service.exit).toBe(0);
    const out = service.output();
    expect(out).toMatch(/"signal":"SIGTERM","msg":"stopping"/);
    expect(out.indexOf('app stopped')).toBeGreaterThan(-1);
    expect(out.indexOf('released')).toBeGreaterThan(out.indexOf('app stopped'));
  });

  it('stops once when its parent goes, as when the dev stack ends', async () => {
    const service = run('ok');
    await service.ready;
    service.child.disconnect();
    expect(await service.exit).toBe(0);
    expect(service.output().match(/released/g)).toHaveLength(1);
  });

  it("ends a start that fails with an operator's error with its message and exit code, no stack", async () => {
    const service = run('operator');
    expect(await service.exit).toBe(2);
    expect(service.output()).toMatch(/"level":60.*"msg":"PROBE_FILE names nothing"/);
    expect(service.output()).not.toMatch(/"stack"/);
  });

  it("ends any other failed start with 'could not start' and exit code 1", async () => {
    const service = run('crash');
    expect(await service.exit).toBe(1);
    expect(service.output()).toMatch(/the database said no/);
    expect(service.output()).toMatch(/"msg":"could not start"/);
  });
});
