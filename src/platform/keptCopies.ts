import type { Clock } from './clock.js';

/**
 * What an instance keeps a few seconds instead of reading it again (ADR 0003): a commune's settings,
 * its calendar and services, its public pages. Time comes from the injected clock, like every other
 * rule, so a test moves it forward to see a change, and the demo's clock (`PARVIS_NOW`) ages them
 * as it ages everything else.
 *
 * A copy is fresh from the instant its reading started until `keepMs` later. A clock set back before
 * that instant (a test, or the system's time corrected) makes it stale rather than fresh for longer:
 * a copy is never trusted beyond `keepMs` of the clock's own time. When `maxEntries` are kept, a new
 * key first drops the stale copies, then everything: nothing grows without bound, whatever is asked.
 * Hand-written rather than a library's LRU: see ADR 0010.
 */
export class KeptCopies<V> {
  readonly #copies = new Map<string, { value: V; since: number }>();

  constructor(
    private readonly clock: Clock,
    private readonly keepMs: number,
    private readonly maxEntries: number,
  ) {}

  /** The copy kept for `key`, if it is still fresh. */
  get(key: string): V | undefined {
    const copy = this.#copies.get(key);
    return copy && this.#isFresh(copy.since, this.clock.now().getTime()) ? copy.value : undefined;
  }

  /** Keeps `value` for `keepMs` from `since`: the instant its reading started (now by default). */
  set(key: string, value: V, since: Date = this.clock.now()): void {
    if (!this.#copies.has(key) && this.#copies.size >= this.maxEntries) {
      const now = this.clock.now().getTime();
      for (const [other, copy] of this.#copies) if (!this.#isFresh(copy.since, now)) this.#copies.delete(other);
      if (this.#copies.size >= this.maxEntries) this.#copies.clear();
    }
    this.#copies.set(key, { value, since: since.getTime() });
  }

  delete(key: string): void {
    this.#copies.delete(key);
  }

  /**
   * The fresh promise kept for `key`, or `load()`'s, kept from now on. Callers at the same time share
   * one reading; a reading that fails is forgotten (if it is still the one kept), so the next call tries again.
   */
  promised<T>(this: KeptCopies<Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
    const kept = this.get(key);
    if (kept) return kept;
    const value = load();
    this.set(key, value);
    value.catch(() => {
      if (this.#copies.get(key)?.value === value) this.#copies.delete(key);
    });
    return value;
  }

  #isFresh(since: number, now: number): boolean {
    return now >= since && now - since < this.keepMs;
  }
}
