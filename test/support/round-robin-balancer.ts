import { createServer, request, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Balancer {
  /** The one address callers use, e.g. http://127.0.0.1:PORT/graphql. */
  readonly url: string;
  /** How many requests each backend was sent, in backend order. */
  readonly served: number[];
  close(): Promise<void>;
}

/**
 * A tiny HTTP balancer for tests: each request goes to the next backend in turn (round robin),
 * as a load balancer in front of replicated routers would send it, with no affinity at all.
 */
export async function startRoundRobinBalancer(backends: readonly string[]): Promise<Balancer> {
  const served = backends.map(() => 0);
  let next = 0;
  const server: Server = createServer((req, res) => {
    const index = next;
    next = (next + 1) % backends.length;
    served[index] = (served[index] ?? 0) + 1;
    const target = new URL(req.url ?? '/', backends[index]);
    const upstream = request(target, { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => {
      res.statusCode = 502;
      res.end();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    served,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
