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

  it('given a capacity below one, refuses it', () => {
    expect(() => new LruMap(0)).toThrow(RangeError);
  });
});
