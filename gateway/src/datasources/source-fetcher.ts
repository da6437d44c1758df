import { Agent } from 'node:http';
import type { ClientRequest } from 'node:http';
import fetch from 'node-fetch';

/**
 * How long an idle connection to a source is kept for reuse. Below the sources' own
 * keep-alive timeout (65 s, subgraph-kit's http-service): the gateway closes an idle connection
 * before the source does, so it never sends a request on a connection the source is closing.
 * Node's agent also honours a shorter `Keep-Alive: timeout=N` a source announces, but only
 * when the agent has a timeout of its own; without one, idle connections were kept for ever.
 */
export const SOURCE_IDLE_SOCKET_MS = 30_000;

/** The connection pool to one source: kept alive, bounded, idle connections closed first by us. */
export function createSourceAgent(maxSockets: number, idleMs = SOURCE_IDLE_SOCKET_MS): Agent {
  return new Agent({ keepAlive: true, maxSockets, timeout: idleMs });
}

/** A reset (or a write to a closed connection) on a connection reused from the pool. */
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE']);

/**
 * The same pool, seen by one request: notes whether that request failed because the reused
 * connection it was given had been closed by the source meanwhile (the race Node's docs
 * describe for keep-alive: the source closes an idle connection as the gateway sends on it).
 */
function watchedAgent(agent: Agent): { agent: Agent; resetOnReusedSocket: () => boolean } {
  let reset = false;
  // Every property and method is the pool's; only addRequest is seen first, to watch the request.
  const view = Object.create(agent) as Agent & { addRequest(req: ClientRequest, options: unknown): void };
  view.addRequest = (req: ClientRequest, options: unknown) => {
    req.once('error', (error: NodeJS.ErrnoException) => {
      if (req.reusedSocket && RESET_CODES.has(error.code ?? '')) reset = true;
    });
    (agent as unknown as { addRequest(req: ClientRequest, options: unknown): void }).addRequest(req, options);
  };
  return { agent: view, resetOnReusedSocket: () => reset };
}

export interface SourceFetcherOptions {
  readonly agent: Agent;
  readonly timeoutMs: number;
  /** Told when a request is sent again after a reset on a reused connection. */
  readonly onRetry?: () => void;
}

type FetchInit = Record<string, unknown> & { body?: unknown };

/**
 * Apollo's fetcher for one source: the source's pool, the source timeout for the whole call,
 * and one more try when the request failed on a reused connection the source had just closed.
 * That try is safe: such a request never reached the source (the connection was gone before
 * any answer), every call to a source is a GraphQL query (sources have no mutations), and the
 * body is a string that can be sent again. Anything else (refused, a reset on a fresh
 * connection, a timeout, any answer) is returned or thrown as it is: a source that is down
 * must show as down, not be retried into the timeout.
 */
export function createSourceFetcher(options: SourceFetcherOptions) {
  const { agent, timeoutMs, onRetry } = options;
  return async (url: string, init: FetchInit) => {
    const signal = AbortSignal.timeout(timeoutMs);
    const first = watchedAgent(agent);
    try {
      return await fetch(url, { ...init, agent: first.agent, signal } as never);
    } catch (error) {
      if (!first.resetOnReusedSocket() || signal.aborted || typeof init.body !== 'string') throw error;
      onRetry?.();
      return await fetch(url, { ...init, agent, signal } as never);
    }
  };
}
