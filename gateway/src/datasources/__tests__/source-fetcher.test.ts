import { Agent, createServer, Server } from 'node:http';
import { AddressInfo, Server as NetServer, Socket, createServer as createNetServer } from 'node:net';
import fetch from 'node-fetch';
import { createSourceAgent, createSourceFetcher } from '../source-fetcher';

const BODY = JSON.stringify({ query: '{ __typename }' });
const INIT = { method: 'POST', headers: { 'content-type': 'application/json' }, body: BODY };
const ANSWER = '{"data":{"__typename":"Query"}}';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A source that closes a kept-alive connection just as the next request arrives on it: it
 * answers the first request of every connection, and resets the connection (RST) when a second
 * one comes on it. That is the keep-alive race, made certain instead of rare.
 */
function closingSource(): Promise<{ server: NetServer; url: string; requests: () => number; connections: () => number }> {
  let requests = 0;
  let connections = 0;
  const server = createNetServer((socket: Socket) => {
    connections++;
    let served = 0;
    let buffered = '';
    socket.on('error', () => undefined);
    socket.on('data', (chunk) => {
      buffered += chunk.toString('latin1');
      // One whole request: headers, then a body of content-length bytes.
      const end = buffered.indexOf('\r\n\r\n');
      const length = Number(/content-length: (\d+)/i.exec(buffered)?.[1] ?? 0);
      if (end < 0 || buffered.length < end + 4 + length) return;
      buffered = '';
      requests++;
      if (served++ > 0) {
        socket.resetAndDestroy();
        return;
      }
      socket.write(
        `HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: ${ANSWER.length}\r\n` +
          `connection: keep-alive\r\nkeep-alive: timeout=60\r\n\r\n${ANSWER}`,
      );
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ server, url: `http://127.0.0.1:${port}/graphql`, requests: () => requests, connections: () => connections });
    }),
  );
}

/** A source that resets every connection at the first request: down, not racing. */
function resettingSource(): Promise<{ server: NetServer; url: string }> {
  const server = createNetServer((socket: Socket) => {
    socket.on('error', () => undefined);
    socket.once('data', () => socket.resetAndDestroy());
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql` });
    }),
  );
}

const close = (server: NetServer | Server) => new Promise<void>((r) => server.close(() => r()));

describe('calls to a source over kept-alive connections', () => {
  const agents: Agent[] = [];
  const servers: Array<NetServer | Server> = [];
  afterEach(async () => {
    agents.splice(0).forEach((a) => a.destroy());
    await Promise.all(servers.splice(0).map(close));
  });

  it('sends a call again when the pooled connection it went out on was just closed by the source', async () => {
    const source = await closingSource();
    servers.push(source.server);
    const agent = createSourceAgent(4);
    agents.push(agent);
    let retries = 0;
    const call = createSourceFetcher({ agent, timeoutMs: 5000, onRetry: () => retries++ });
    expect(await (await call(source.url, INIT)).text()).toBe(ANSWER);
    // The second call goes out on the pooled connection, which the source resets.
    expect(await (await call(source.url, INIT)).text()).toBe(ANSWER);
    expect(retries).toBe(1);
    expect(source.requests()).toBe(3);
    expect(source.connections()).toBe(2);
  });

  it('without the retry, that race is a failed call (what the soak saw as `unreachable`)', async () => {
    const source = await closingSource();
    servers.push(source.server);
    const agent = createSourceAgent(4);
    agents.push(agent);
    const plain = (url: string) => fetch(url, { ...INIT, agent } as never);
    await (await plain(source.url)).text();
    await expect(plain(source.url)).rejects.toMatchObject({ code: 'ECONNRESET' });
  });

  it('does not retry a reset on a fresh connection: a source that is down shows as down', async () => {
    const source = await resettingSource();
    servers.push(source.server);
    const agent = createSourceAgent(4);
    agents.push(agent);
    let retries = 0;
    const call = createSourceFetcher({ agent, timeoutMs: 5000, onRetry: () => retries++ });
    await expect(call(source.url, INIT)).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect(retries).toBe(0);
  });

  it('closes an idle connection before the source would, honouring a shorter keep-alive the source announces', async () => {
    // A source that keeps idle connections 2 s (and says so in `Keep-Alive: timeout=2`).
    let open = 0;
    const server = createServer((_req, res) => res.end(ANSWER));
    server.keepAliveTimeout = 2000;
    server.on('connection', (socket: Socket) => {
      open++;
      socket.on('close', () => open--);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    servers.push(server);
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;

    const ours = createSourceAgent(4);
    // What the gateway had before: keep-alive without a timeout, which ignores the source's hint.
    const unbounded = new Agent({ keepAlive: true, maxSockets: 4 });
    agents.push(ours, unbounded);
    await (await fetch(url, { ...INIT, agent: ours } as never)).text();
    await (await fetch(url, { ...INIT, agent: unbounded } as never)).text();
    const ourSocket = Object.values(ours.freeSockets).flat()[0];
    const theirSocket = Object.values(unbounded.freeSockets).flat()[0];
    // Ours expires a second before the source's announced 2 s; the other agent never expires it.
    expect(ourSocket?.timeout).toBe(1000);
    expect(theirSocket?.timeout ?? 0).toBe(0);
    await sleep(1500);
    expect(Object.values(ours.freeSockets).flat()).toHaveLength(0);
    expect(Object.values(unbounded.freeSockets).flat()).toHaveLength(1);
    expect(open).toBe(1);
  });

  it('keeps idle connections for less than the sources keep them (65 s)', async () => {
    let open = 0;
    const server = createServer((_req, res) => res.end(ANSWER));
    server.keepAliveTimeout = 65_000;
    server.on('connection', (socket: Socket) => {
      open++;
      socket.on('close', () => open--);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    servers.push(server);
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
    const agent = createSourceAgent(4, 300);
    agents.push(agent);
    await (await fetch(url, { ...INIT, agent } as never)).text();
    expect(open).toBe(1);
    await sleep(800);
    // The gateway closed it, long before the source would have.
    expect(open).toBe(0);
    const defaults = createSourceAgent(4);
    agents.push(defaults);
    await (await fetch(url, { ...INIT, agent: defaults } as never)).text();
    expect(Object.values(defaults.freeSockets).flat()[0]?.timeout).toBeLessThan(65_000);
  });

  it('sends the body with a content-length in one request, and reads the answer whole', async () => {
    let seen: { length?: string; chunked?: string; body: string } | undefined;
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        seen = { length: req.headers['content-length'], chunked: req.headers['transfer-encoding'], body };
        res.setHeader('content-type', 'application/json; charset=utf-8');
        res.setHeader('cache-control', 'max-age=5');
        res.end(ANSWER);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    servers.push(server);
    const agent = createSourceAgent(4);
    agents.push(agent);
    const call = createSourceFetcher({ agent, timeoutMs: 5000 });
    const response = await call(`http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, INIT);
    expect(seen).toEqual({ length: String(Buffer.byteLength(BODY)), chunked: undefined, body: BODY });
    expect(response.ok).toBe(true);
    expect(response.headers.get('Content-Type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('Cache-Control')).toBe('max-age=5');
    expect(await response.json()).toEqual(JSON.parse(ANSWER));
  });

  it('fails a call with no answer within the timeout as a timeout, and leaves no timer behind an answered call', async () => {
    const server = createServer(() => undefined);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    servers.push(server);
    const agent = createSourceAgent(4);
    agents.push(agent);
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
    const started = performance.now();
    await expect(createSourceFetcher({ agent, timeoutMs: 300 })(url, INIT)).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(performance.now() - started).toBeLessThan(2000);
    server.closeAllConnections();

    const answering = createServer((_req, res) => res.end(ANSWER));
    await new Promise<void>((r) => answering.listen(0, '127.0.0.1', r));
    servers.push(answering);
    // The call's own deadline timer (60 s) must be cleared once the answer is in.
    const set = jest.spyOn(global, 'setTimeout');
    const cleared = jest.spyOn(global, 'clearTimeout');
    try {
      const call = createSourceFetcher({ agent, timeoutMs: 60_000 });
      await call(`http://127.0.0.1:${(answering.address() as AddressInfo).port}/graphql`, INIT);
      const deadlines = set.mock.calls.flatMap((args, i) => (Number(args[1]) > 50_000 ? [set.mock.results[i]?.value] : []));
      expect(deadlines).toHaveLength(1);
      expect(cleared.mock.calls.map((args) => args[0])).toContain(deadlines[0]);
    } finally {
      set.mockRestore();
      cleared.mockRestore();
    }
  });

  it('fails a call whose answer is cut short, and one whose body is not JSON when read as JSON', async () => {
    const cut = createNetServer((socket: Socket) => {
      socket.on('error', () => undefined);
      socket.once('data', () => {
        socket.write('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{"data":');
        setTimeout(() => socket.destroy(), 20);
      });
    });
    await new Promise<void>((r) => cut.listen(0, '127.0.0.1', r));
    servers.push(cut);
    const agent = createSourceAgent(4);
    agents.push(agent);
    const call = createSourceFetcher({ agent, timeoutMs: 5000 });
    await expect(call(`http://127.0.0.1:${(cut.address() as AddressInfo).port}/graphql`, INIT)).rejects.toMatchObject({
      code: 'ECONNRESET',
    });

    const notJson = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end('<html>proxy error</html>');
    });
    await new Promise<void>((r) => notJson.listen(0, '127.0.0.1', r));
    servers.push(notJson);
    const response = await call(`http://127.0.0.1:${(notJson.address() as AddressInfo).port}/graphql`, INIT);
    await expect(response.json()).rejects.toBeInstanceOf(SyntaxError);
  });
});
