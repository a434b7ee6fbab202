import fc from 'fast-check';
import { between, pick, seeded } from './seeded-random';

const draws = (seed: number, n: number) => Array.from({ length: n }, seeded(seed));

describe('seeded', () => {
  it('draws the same numbers for the same seed', () => {
    fc.assert(fc.property(fc.integer(), (seed) => expect(draws(seed, 20)).toEqual(draws(seed, 20))));
  });

  it('draws different numbers for different seeds', () => {
    expect(draws(42, 5)).not.toEqual(draws(43, 5));
  });

  it('stays in [0, 1)', () => {
    const outside = (seed: number) => draws(seed, 200).filter((x) => x < 0 || x >= 1);
    fc.assert(
      fc.property(fc.integer(), (seed) => expect(outside(seed)).toEqual([])),
      { numRuns: 50 },
    );
  });

  it('keeps its sequence pinned, so a seed means the same world across versions', () => {
    // Given seed 1, when three numbers are drawn, then they are the ones recorded when the generator was written
    expect(draws(1, 3).map((x) => Math.round(x * 4294967296))).toEqual([2693262067, 11749833, 2265367787]);
  });
});

describe('between and pick', () => {
  it('stay inside their bounds and reach both ends', () => {
    const random = seeded(7);
    const seen = new Set(Array.from({ length: 500 }, () => between(random, 3, 6)));
    expect([...seen].sort()).toEqual([3, 4, 5, 6]);
    const letters = new Set(Array.from({ length: 200 }, () => pick(random, ['a', 'b', 'c'])));
    expect([...letters].sort()).toEqual(['a', 'b', 'c']);
  });
});
