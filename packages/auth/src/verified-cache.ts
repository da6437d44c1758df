/**
 * Tokens already verified, until they expire: verifying an ES256 signature costs more than the
 * rest of a small request. Keyed by the whole token, so a changed byte is verified afresh.
 * Bounded; the oldest entries go first.
 */
export class VerifiedTokens<T> {
  private readonly entries = new Map<string, { value: T; expiresAt: number }>();

  constructor(private readonly capacity = 10_000) {}

  get(token: string, now = Date.now()): T | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (entry.expiresAt <= now) {
      this.entries.delete(token);
      return undefined;
    }
    return entry.value;
  }

  set(token: string, value: T, expiresAtSeconds: number | undefined): void {
    if (!expiresAtSeconds) return;
    if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(token, { value, expiresAt: expiresAtSeconds * 1000 });
  }
}
