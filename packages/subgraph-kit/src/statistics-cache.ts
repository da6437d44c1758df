import type { SourceStatistics } from '@psea/contract';

/**
 * Recent statistics answers of one source, keyed by the data version and the scope: an answer
 * is reused only while no write has touched the data since it was computed. Holds counts,
 * never records. Bounded by the bytes of the answers it holds (measured as their JSON), not by
 * their number, since one wide table may weigh as much as thousands of narrow ones. Least
 * recently used entries go first; an answer larger than the whole cache is not kept.
 */
export class StatisticsCache {
  private readonly entries = new Map<string, { value: SourceStatistics; bytes: number }>();
  private held = 0;

  constructor(private readonly capacityBytes: number) {}

  /** Bytes held now. */
  get bytes(): number {
    return this.held;
  }

  get(version: string, scope: string): SourceStatistics | undefined {
    const key = `${version}\u0000${scope}`;
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit?.value;
  }

  set(version: string, scope: string, value: SourceStatistics): void {
    if (this.capacityBytes <= 0) return;
    const key = `${version}\u0000${scope}`;
    const bytes = Buffer.byteLength(key) + Buffer.byteLength(JSON.stringify(value));
    this.delete(key);
    if (bytes > this.capacityBytes) return;
    this.entries.set(key, { value, bytes });
    this.held += bytes;
    while (this.held > this.capacityBytes) this.delete(this.entries.keys().next().value as string);
  }

  private delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.held -= entry.bytes;
  }
}
