import { LruMap } from './lru-map';

describe('LruMap', () => {
  it('given one entry past its capacity, evicts the least recently set', () => {
    const map = new LruMap<string, number>(2);
    map.set('a', 1).set('b', 2).set('c', 3);
    expect([map.get('a'), map.get('b'), map.get('c'), map.size]).toEqual([undefined, 2, 3, 2]);
  });

  it('given an entry read since, evicts the least recently used instead', () => {
    const map = new LruMap<string, number>(2);
    map.set('a', 1).set('b', 2);
    map.get('a');
    map.set('c', 3);
    expect([map.get('a'), map.get('b'), map.get('c')]).toEqual([1, undefined, 3]);
  });

  it('given a key set again, keeps one entry with the new value and counts it as recent', () => {
    const map = new LruMap<string, number>(2);
    map.set('a', 1).set('b', 2).set('a', 10).set('c', 3);
    expect([map.get('a'), map.get('b'), map.size]).toEqual([10, undefined, 2]);
  });

  it('given a hit on an entry among the newest half, keeps it without moving it, and the bound holds', () => {
    const map = new LruMap<string, number>(4);
    map.set('a', 1).set('b', 2).set('c', 3).set('d', 4);
    map.get('d'); // the newest already: left where it is
    map.get('a'); // the oldest: moved to the recent end
    map.set('e', 5).set('f', 6);
    expect([map.get('a'), map.get('b'), map.get('c'), map.get('d'), map.size]).toEqual([
      1,
      undefined,
      undefined,
      4,
      4,
    ]);
  });

  it('given any mix of reads and writes, holds at most its capacity and keeps what was used for half of it', () => {
    const capacity = 8;
    const map = new LruMap<number, number>(capacity);
    let seed = 7;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) % 40;
    let fresh = 1_000;
    const lost: number[] = [];
    let largest = 0;
    for (let i = 0; i < 2_000; i++) {
      const key = next();
      if (i % 3 === 0) map.set(key, key);
      else if (map.get(key) === key) {
        // Used now: it outlives the next capacity / 2 - 1 placements of keys it has never seen.
        for (let j = 0; j < capacity / 2 - 1; j++) map.set(fresh++, 0);
        if (map.get(key) !== key) lost.push(key);
      }
      largest = Math.max(largest, map.size);
    }
    expect(lost).toEqual([]);
    expect(largest).toBe(capacity);
  });

  it('given entries deleted and the map cleared between evictions, still evicts the oldest each time', () => {
    const map = new LruMap<string, number>(2);
    map.set('a', 1).set('b', 2).set('c', 3); // evicts a
    map.delete('b');
    map.delete('c');
    map.set('d', 4).set('e', 5).set('f', 6); // evicts d
    const afterDeletes = [map.get('d'), map.get('e'), map.get('f')];
    map.clear();
    map.set('x', 1).set('y', 2).set('z', 3); // evicts x
    expect([...afterDeletes, map.get('x'), map.get('y'), map.get('z'), map.size]).toEqual([
      undefined,
      5,
      6,
      undefined,
      2,
      3,
      2,
    ]);
  });

  it('given random sets, reads, deletes and clears, evicts what the first key of its order would be', () => {
    // The oracle: the same map, evicting its first key looked up afresh each time.
    const capacity = 16;
    const map = new LruMap<number, number>(capacity);
    const model = new Map<number, { value: number; placed: number }>();
    let placements = 0;
    const place = (key: number, slot: { value: number; placed: number }) => {
      slot.placed = ++placements;
      model.set(key, slot);
    };
    let seed = 11;
    // An LCG's high bits: its low ones cycle too soon to mix operations and keys.
    const next = (n: number) =>
      Math.floor((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 65_536) % n;
    const differences: number[] = [];
    let hits = 0;
    for (let i = 0; i < 20_000; i++) {
      const key = next(48);
      const op = next(100);
      if (op < 45) {
        map.set(key, i);
        model.delete(key);
        place(key, { value: i, placed: 0 });
        if (model.size > capacity) model.delete(model.keys().next().value!);
      } else if (op < 97) {
        const slot = model.get(key);
        if (slot && placements - slot.placed >= capacity / 2) {
          model.delete(key);
          place(key, slot);
        }
        if (slot) hits++;
        if (map.get(key) !== slot?.value) differences.push(i);
      } else if (op < 99) {
        map.delete(key);
        model.delete(key);
      } else {
        map.clear();
        model.clear();
      }
    }
    expect(differences).toEqual([]);
    expect(map.size).toBe(model.size);
    expect(hits).toBeGreaterThan(1_000);
  });

  it('given a capacity below one, refuses it', () => {
    expect(() => new LruMap(0)).toThrow(RangeError);
  });
});
