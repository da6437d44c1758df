import { getHeapStatistics, writeHeapSnapshot } from 'node:v8';

/** What a service says about its memory when its parent asks (the soak run, through the IPC channel). */
export interface MemoryReport {
  /** True when a full garbage collection ran just before (the process was started with --expose-gc). */
  readonly gcForced: boolean;
  readonly rssBytes: number;
  /** Live JS objects: after a forced GC, what the process really holds. */
  readonly heapUsedBytes: number;
  readonly heapTotalBytes: number;
  /** Memory held by C++ objects bound to JS ones (buffers included). */
  readonly externalBytes: number;
  readonly arrayBuffersBytes: number;
  /** Bytes V8 allocated for the heap in the old space and elsewhere, including what is free. */
  readonly totalHeapSizeBytes: number;
  readonly mallocedBytes: number;
}

export type MemoryProbeMessage =
  | { readonly type: 'memory-probe'; readonly id: number }
  | { readonly type: 'heap-snapshot'; readonly id: number; readonly file: string };

export type MemoryProbeReply =
  | { readonly type: 'memory-report'; readonly id: number; readonly report: MemoryReport }
  | { readonly type: 'heap-snapshot-written'; readonly id: number; readonly file: string | null; readonly error?: string };

/** The process's memory now, after a full garbage collection when `gc` is exposed. */
export function memoryReport(): MemoryReport {
  const gc = (globalThis as { gc?: () => void }).gc;
  // Twice: objects with finalizers or weak references are freed by the second pass.
  gc?.();
  gc?.();
  const usage = process.memoryUsage();
  const heap = getHeapStatistics();
  return {
    gcForced: gc !== undefined,
    rssBytes: usage.rss,
    heapUsedBytes: usage.heapUsed,
    heapTotalBytes: usage.heapTotal,
    externalBytes: usage.external,
    arrayBuffersBytes: usage.arrayBuffers,
    totalHeapSizeBytes: heap.total_heap_size,
    mallocedBytes: heap.malloced_memory,
  };
}

function isProbe(message: unknown): message is MemoryProbeMessage {
  const m = message as { type?: unknown; id?: unknown; file?: unknown } | null;
  if (typeof m !== 'object' || m === null || typeof m.id !== 'number') return false;
  return m.type === 'memory-probe' || (m.type === 'heap-snapshot' && typeof m.file === 'string');
}

/**
 * Answers memory questions from the process that forked this service (the soak run measures the
 * heap after a forced GC to tell a leak from the allocator keeping pages). Only the parent can
 * ask, over the IPC channel fork() opens: there is nothing on any network listener, and a
 * service started any other way (docker, systemd) has no channel and installs nothing.
 */
export function answerMemoryProbes(): void {
  if (!process.send) return;
  process.on('message', (message: unknown) => {
    if (!isProbe(message)) return;
    let reply: MemoryProbeReply;
    if (message.type === 'memory-probe') {
      reply = { type: 'memory-report', id: message.id, report: memoryReport() };
    } else {
      try {
        memoryReport();
        reply = { type: 'heap-snapshot-written', id: message.id, file: writeHeapSnapshot(message.file) };
      } catch (error) {
        reply = { type: 'heap-snapshot-written', id: message.id, file: null, error: (error as Error).message };
      }
    }
    process.send?.(reply);
  });
}
