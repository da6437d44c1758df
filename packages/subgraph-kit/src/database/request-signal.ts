import { AsyncLocalStorage } from 'node:async_hooks';

const current = new AsyncLocalStorage<AbortSignal>();

/**
 * Runs `work` with a signal that aborts when the HTTP client (the gateway) goes away, so every
 * SQL statement the request starts, through its loaders, can be cancelled in PostgreSQL rather
 * than left running for nobody.
 */
export function withRequestSignal<T>(signal: AbortSignal, work: () => T): T {
  return current.run(signal, work);
}

/** The signal of the request being served, if any (none at start-up or in the CLI). */
export function requestSignal(): AbortSignal | undefined {
  return current.getStore();
}
