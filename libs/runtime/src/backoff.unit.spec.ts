import { backoffDelay } from './backoff';

describe('backoffDelay', () => {
  it('given no jitter, doubles from the initial wait and stops at the cap', () => {
    const waits = [0, 1, 2, 5, 6, 50].map((attempt) =>
      backoffDelay(attempt, { initialMs: 100, maxMs: 5_000 }),
    );
    expect(waits).toEqual([100, 200, 400, 3_200, 5_000, 5_000]);
  });

  it('given jitter, stays within that share of the exact wait', () => {
    const waits = Array.from({ length: 200 }, () =>
      backoffDelay(3, { initialMs: 250, maxMs: 10_000, jitter: 0.2 }),
    );
    expect(Math.min(...waits)).toBeGreaterThanOrEqual(1_600);
    expect(Math.max(...waits)).toBeLessThanOrEqual(2_400);
    expect(new Set(waits).size).toBeGreaterThan(1);
  });
});
