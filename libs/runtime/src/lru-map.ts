/** An entry and when it was last put at the recent end of the map's order. */
type Slot<V> = { value: V; placed: number };

/**
 * A Map with a size bound: past `capacity` entries, the one used least lately goes. Every
 * in-memory cache in the API holds at most this many entries, so its memory is bounded whatever
 * the number of streams, credentials or tokens it sees (issue 20). It only forgets: a cache built
 * on it reads an evicted entry from its source again, so it stays exact.
 *
 * Recency is a Map's insertion order: using an entry moves it to the recent end (a delete and an
 * insert), except when it is already among the most recently placed half. Moving every hit made
 * the Map rehash its tombstones over and over: in a full map of 10,000 a hit cost 1.4 µs, against
 * 30 ns now (issue 13, every verification makes about 15). So an entry used is evicted only after
 * at least `capacity / 2` later placements, not `capacity - 1` as under strict LRU; the bound is
 * exact.
 */
export class LruMap<K, V> {
  private readonly entries = new Map<K, Slot<V>>();
  /** Placements so far (sets and moves): a slot placed within the last `recent` is left in place. */
  private placements = 0;
  private readonly recent: number;
  /**
   * Where eviction goes on from: one iterator kept across evictions. Evicting deletes at the front
   * of the insertion order and a move re-inserts at the end, so the entries it has passed are all
   * gone, and its next key is always the oldest. A fresh `keys().next()` per eviction instead
   * stepped over every deleted slot V8 had not compacted yet (up to thousands in a full map of
   * 10,000): about 8 µs per eviction under the issuance load, against 1 µs (bench/README.md,
   * "wip/prof").
   */
  private oldest: MapIterator<K>;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError(`an LruMap holds at least one entry, not ${capacity}`);
    this.recent = Math.max(1, Math.floor(capacity / 2));
    this.oldest = this.entries.keys();
  }

  get size(): number {
    return this.entries.size;
  }

  /** The entry, now among the most recently used. */
  get(key: K): V | undefined {
    const slot = this.entries.get(key);
    if (slot === undefined) return undefined;
    if (this.placements - slot.placed >= this.recent) {
      this.entries.delete(key);
      this.place(key, slot);
    }
    return slot.value;
  }

  set(key: K, value: V): this {
    this.entries.delete(key);
    this.place(key, { value, placed: 0 });
    if (this.entries.size > this.capacity) this.entries.delete(this.nextOldest());
    return this;
  }

  delete(key: K): boolean {
    return this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
    this.oldest = this.entries.keys();
  }

  /** The map is over capacity, so not empty; an iterator that ran out (after deletes) starts again. */
  private nextOldest(): K {
    let next = this.oldest.next();
    if (next.done) {
      this.oldest = this.entries.keys();
      next = this.oldest.next();
    }
    return next.value as K;
  }

  private place(key: K, slot: Slot<V>): void {
    slot.placed = ++this.placements;
    this.entries.set(key, slot);
  }
}
