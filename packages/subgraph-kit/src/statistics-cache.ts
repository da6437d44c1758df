import type { SourceStatistics } from '@psea/contract';

/**
 * Recent statistics answers of one source, keyed by the data version and the scope: an answer
 * is reused only while no write has touched the data since it was computed. Holds counts,
 * never records. Least recently used entries go first.
 */
export class StatisticsCache {
  private readonly entries = new Map<string, SourceStatistics>();

  constructor(private readonly capacity: number) {}

  get(version: string, scope: string): SourceStatistics | undefined {
    const key = `${version}\u0000${scope}`;
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  set(version: string, scope: string, value: SourceStatistics): void {
    if (this.capacity <= 0) return;
    const key = `${version}\u0000${scope}`;
    this.entries.delete(key);
    this.entries.set(key, value);
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
  }
}
