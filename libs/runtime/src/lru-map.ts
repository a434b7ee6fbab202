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

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError(`an LruMap holds at least one entry, not ${capacity}`);
    this.recent = Math.max(1, Math.floor(capacity / 2));
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
    // A fresh iterator each time, not one kept across evictions: a Map iterator that does not
    // advance keeps every table V8 rehashed the Map into since, so a cache read (moves) more than
    // it evicts grew without bound (2M moves on 1,000 entries: 109 MB kept; bench/README.md, wip/prof).
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as K);
    return this;
  }

  delete(key: K): boolean {
    return this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }

  private place(key: K, slot: Slot<V>): void {
    slot.placed = ++this.placements;
    this.entries.set(key, slot);
  }
}
