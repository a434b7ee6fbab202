/** A source of uniform random integers in [0, bound): `crypto.randomInt` in production, seeded in tests. */
export type RandomIndex = (bound: number) => number;

export type ListPosition = Readonly<{ list: number; index: number }>;

/**
 * Picks a random free index in the newest list that has room, opening the next list when it is
 * full. Random, so an index says nothing about issue order or volume; unique, because `used`
 * holds every index already allocated (recorded in the log, so a rebuild sees the same ones).
 * Pure: the caller supplies the randomness and records the answer.
 */
export const allocateStatusIndex = (
  used: ReadonlyMap<number, ReadonlySet<number>>,
  listLength: number,
  random: RandomIndex,
): ListPosition => {
  const draw = (bound: number) => {
    const index = random(bound);
    if (!Number.isInteger(index) || index < 0 || index >= bound)
      throw new RangeError(`random(${bound}) gave ${index}`);
    return index;
  };
  const lists = [...used.keys()];
  const newest = lists.length === 0 ? 0 : Math.max(...lists);
  const taken = used.get(newest) ?? new Set<number>();
  if (taken.size >= listLength) return { list: newest + 1, index: draw(listLength) };
  // Rejection sampling stays cheap while the list is sparse; a nearly full list picks among the
  // free indexes directly, so allocation never degenerates into endless retries.
  if (taken.size < listLength / 2) {
    for (;;) {
      const index = draw(listLength);
      if (!taken.has(index)) return { list: newest, index };
    }
  }
  const free: number[] = [];
  for (let index = 0; index < listLength; index += 1) if (!taken.has(index)) free.push(index);
  return { list: newest, index: free[draw(free.length)]! };
};
