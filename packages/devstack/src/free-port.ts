import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/**
 * The ports the kernel hands out to outgoing connections and to `listen(0)`
 * (`ip_local_port_range`; Linux's default where it cannot be read).
 */
function ephemeralRange(): readonly [number, number] {
  try {
    const [low, high] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
    if (Number.isInteger(low) && Number.isInteger(high)) return [low as number, high as number];
  } catch {
    // not Linux: the default below is as good a guess as any
  }
  return [32768, 60999];
}

function listenable(port: number): Promise<number | null> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(null));
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      const bound = typeof address === 'object' && address ? address.port : null;
      server.close(() => resolve(bound));
    });
  });
}

/**
 * A TCP port free on 127.0.0.1 right now, for a service that must come back on the same port
 * when it is restarted (a source the gateway knows by URL, PostgreSQL). It is drawn outside the
 * kernel's ephemeral range: a port from `listen(0)` is one any outgoing connection (a pool's,
 * a test's) may take as its local port while the service is down, and the restart then fails
 * with EADDRINUSE (seen once in a full test run). Falls back to `listen(0)` if no drawn port is free.
 */
export async function freePort(): Promise<number> {
  const [low, high] = ephemeralRange();
  const [from, to] = low > 11_024 ? [10_000, low - 1] : [high + 1, 65_535];
  for (let attempt = 0; from <= to && attempt < 50; attempt++) {
    const port = await listenable(from + Math.floor(Math.random() * (to - from + 1)));
    if (port !== null) return port;
  }
  const port = await listenable(0);
  if (port === null) throw new Error('no free TCP port on 127.0.0.1');
  return port;
}
