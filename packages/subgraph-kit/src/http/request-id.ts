import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

const current = new AsyncLocalStorage<string>();

/**
 * Runs one HTTP request's work under a fresh request id: the id an internal error is logged
 * with and the one the client is told (header `x-request-id`, and the error's `requestId`), so
 * an operator can find the detail that never leaves the service.
 */
export function withRequestId<T>(work: (requestId: string) => T): T {
  const id = randomUUID();
  return current.run(id, () => work(id));
}

/** The id of the request being served, if any. */
export function currentRequestId(): string | undefined {
  return current.getStore();
}
