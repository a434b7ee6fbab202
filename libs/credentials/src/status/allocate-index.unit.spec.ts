import fc from 'fast-check';
import { allocateStatusIndex, type RandomIndex } from './allocate-index';

/** A seeded linear congruential source: the allocation is pure, so a seed fixes every answer. */
const seeded = (seed: number): RandomIndex => {
  let state = seed >>> 0;
  return (bound) => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state % bound;
  };
};

const allocateMany = (count: number, listLength: number, random: RandomIndex) => {
  const used = new Map<number, Set<number>>();
  const positions = [];
  for (let i = 0; i < count; i += 1) {
    const position = allocateStatusIndex(used, listLength, random);
    used.set(position.list, (used.get(position.list) ?? new Set()).add(position.index));
    positions.push(position);
  }
  return positions;
};

describe('allocateStatusIndex', () => {
  it('never hands out an index twice, stays inside the list, and fills a list before opening the next', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 120 }),
        (seed, listLength, count) => {
          const positions = allocateMany(count, listLength, seeded(seed));

          const keys = positions.map(({ list, index }) => `${list}:${index}`);
          expect(new Set(keys).size).toBe(count);
          positions.forEach(({ list, index }, nth) => {
            expect(index).toBeGreaterThanOrEqual(0);
            expect(index).toBeLessThan(listLength);
            expect(list).toBe(Math.floor(nth / listLength)); // list n opens only when list n-1 is full
          });
        },
      ),
    );
  });

  it('is random, not sequential: the first indexes of a large list are scattered', () => {
    const positions = allocateMany(5, 131_072, seeded(42));

    expect(positions.map((p) => p.index)).not.toEqual([0, 1, 2, 3, 4]);
    expect(new Set(positions.map((p) => p.list))).toEqual(new Set([0]));
  });

  it('the same recorded indexes and the same random answers give the same allocation (a rebuild agrees)', () => {
    expect(allocateMany(30, 16, seeded(7))).toEqual(allocateMany(30, 16, seeded(7)));
  });

  it('refuses a random source that answers outside its bound', () => {
    expect(() => allocateStatusIndex(new Map(), 8, () => 8)).toThrow(RangeError);
  });
});
