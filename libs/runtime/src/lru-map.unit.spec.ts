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

  it('given a capacity below one, refuses it', () => {
    expect(() => new LruMap(0)).toThrow(RangeError);
  });
});
