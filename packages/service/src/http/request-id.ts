import { AsyncLocalStorage } from 'node:async_hooks';

const current = new AsyncLocalStorage<string>();

/**
 * Runs one HTTP request's work under its request id, which is its trace id (the one the client
 * is told in `x-request-id` and every log line of the request carries): so an internal error
 * answered deep in Apollo's pipeline names the same id the detail was logged with.
 */
export function withRequestId<T>(requestId: string, work: () => T): T {
  return current.run(requestId, work);
}

/** The id of the request being served, if any. */
export function currentRequestId(): string | undefined {
  return current.getStore();
}
