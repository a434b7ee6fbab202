/**
 * A Map with a size bound: past `capacity` entries, the least recently used one goes. Every
 * in-memory cache in the API holds at most this many entries, so its memory is bounded whatever
 * the number of streams, credentials or tokens it sees (issue 20). It only forgets: a cache built
 * on it reads an evicted entry from its source again, so it stays exact.
 */
export class LruMap<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError(`an LruMap holds at least one entry, not ${capacity}`);
  }

  get size(): number {
    return this.entries.size;
  }

  /** The entry, now the most recently used. */
  get(key: K): V | undefined {
    const value = this.entries.get(key);
    // A Map iterates in insertion order: re-inserting moves the key to the recent end.
    if (value !== undefined || this.entries.has(key)) {
      this.entries.delete(key);
      this.entries.set(key, value as V);
    }
    return value;
  }

  set(key: K, value: V): this {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as K);
    return this;
  }

  delete(key: K): boolean {
    return this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}
