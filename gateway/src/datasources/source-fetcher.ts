import { Agent, request } from 'node:http';
import { SourceResponse } from './source-response';

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

/** A call to a source that took longer than the source timeout (the failure policy's `timeout`). */
export class SourceTimeoutError extends Error {
  override readonly name = 'TimeoutError';
}

export interface SourceFetcherOptions {
  readonly agent: Agent;
  readonly timeoutMs: number;
  /** Told when a request is sent again after a reset on a reused connection. */
  readonly onRetry?: () => void;
}

type FetchInit = { method?: string; headers?: Record<string, string>; body?: unknown };

/** A failed attempt, and whether it failed on a pooled connection the source had closed. */
interface Attempt {
  readonly error: Error;
  readonly resetOnReusedSocket: boolean;
}

function isAttempt(value: unknown): value is Attempt {
  return typeof value === 'object' && value !== null && 'resetOnReusedSocket' in value && 'error' in value;
}

/**
 * One POST on the source's pool, read whole before the deadline. Node's http client directly,
 * not a fetch implementation: the gateway makes three or more of these per request, and
 * node-fetch's Request, Headers and body streams around each were a measured share of its CPU
 * (bench/results/gateway-cost.md). Body and headers go out in one write with a content-length.
 */
function post(url: string, init: FetchInit, agent: Agent, body: Buffer, deadline: number): Promise<SourceResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: init.method ?? 'POST',
      agent,
      headers: { ...init.headers, 'content-length': String(body.length) },
    });
    let settled = false;
    // One timer for the whole call, cleared when it ends (AbortSignal.timeout's timer is not:
    // it fired, and built a DOMException with its stack, for every call made).
    const timer = setTimeout(
      () => {
        const error = new SourceTimeoutError(`no answer within the source timeout`);
        req.destroy(error);
        fail({ error, resetOnReusedSocket: false });
      },
      Math.max(0, deadline - performance.now()),
    );
    const fail = (attempt: Attempt) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(attempt);
    };
    req.on('error', (error: NodeJS.ErrnoException) =>
      fail({ error, resetOnReusedSocket: req.reusedSocket && RESET_CODES.has(error.code ?? '') }),
    );
    req.once('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', (error) => fail({ error, resetOnReusedSocket: false }));
      // The source closed the connection before the whole answer arrived.
      res.once('close', () => {
        if (!res.complete)
          fail({ error: Object.assign(new Error('answer cut short'), { code: 'ECONNRESET' }), resetOnReusedSocket: false });
      });
      res.once('end', () => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        const whole = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
        resolve(new SourceResponse(url, res.statusCode ?? 0, res.statusMessage ?? '', res.headers, whole));
      });
    });
    req.end(body);
  });
}

/**
 * Apollo's fetcher for one source: the source's pool, the source timeout for the whole call,
 * and one more try when the request failed on a reused connection the source had just closed
 * (the race Node's docs describe for keep-alive: the source closes an idle connection as the
 * gateway sends on it). That try is safe: such a request never reached the source (the
 * connection was gone before any answer), every call to a source is a GraphQL query (sources
 * have no mutations), and the body can be sent again. Anything else (refused, a reset on a
 * fresh connection, a timeout, any answer) is returned or thrown as it is: a source that is down
 * must show as down, not be retried into the timeout.
 */
export function createSourceFetcher(options: SourceFetcherOptions) {
  const { agent, timeoutMs, onRetry } = options;
  return async (url: string, init: FetchInit): Promise<SourceResponse> => {
    const deadline = performance.now() + timeoutMs;
    const body = Buffer.from(typeof init.body === 'string' ? init.body : '', 'utf8');
    try {
      return await post(url, init, agent, body, deadline);
    } catch (failure) {
      // Anything but an Attempt was thrown before the request left (a URL Node cannot use).
      if (!isAttempt(failure)) throw failure;
      const attempt = failure;
      if (!attempt.resetOnReusedSocket || performance.now() >= deadline) throw attempt.error;
      onRetry?.();
      try {
        return await post(url, init, agent, body, deadline);
      } catch (second) {
        throw isAttempt(second) ? second.error : second;
      }
    }
  };
}
