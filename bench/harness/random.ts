import type { Random } from '@credence/runtime';

/** Deterministic randomness (libs/runtime), so every contender in a scenario sees the same workload. */
export { type Random, seeded } from '@credence/runtime';

/**
 * Zipf over ranks 0..n-1 with exponent s: rank k is drawn with weight 1/(k+1)^s, so a few streams
 * are hot and most are cold. Sampled by binary search over the cumulative weights.
 */
export const zipf = (n: number, s: number, random: Random): (() => number) => {
  const cumulative = new Float64Array(n);
  let total = 0;
  for (let k = 0; k < n; k++) {
    total += 1 / (k + 1) ** s;
    cumulative[k] = total;
  }
  return () => {
    const u = random() * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid] < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
};

/** A UUID-shaped id from the generator (EventStoreDB-style ids, without crypto cost in the loop). */
export const uuidFrom = (random: Random): string => {
  const hex = (digits: number) =>
    Math.floor(random() * 16 ** digits)
      .toString(16)
      .padStart(digits, '0');
  return `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(6)}${hex(6)}`;
};
