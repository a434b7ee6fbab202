import { setTimeout as delay } from 'node:timers/promises';

export type Backoff = Readonly<{
  initialMs: number;
  maxMs: number;
  /** 0.2 = ±20 %, so several processes do not retry in lockstep; 0 = exact. */
  jitter?: number;
}>;

/** The wait before retry number `attempt` (0-based): doubling from initialMs, capped at maxMs. */
export const backoffDelay = (attempt: number, { initialMs, maxMs, jitter = 0 }: Backoff): number => {
  const base = Math.min(maxMs, initialMs * 2 ** Math.min(attempt, 20));
  return jitter === 0 ? base : Math.round(base * (1 - jitter + Math.random() * 2 * jitter));
};

/** Resolves after `ms`, or early (without throwing) when `signal` aborts. */
export const pause = async (ms: number, signal: AbortSignal): Promise<void> => {
  try {
    await delay(ms, undefined, { signal });
  } catch (error) {
    if (!signal.aborted) throw error;
  }
};
