import { setTimeout as delay } from 'node:timers/promises';

export type Backoff = Readonly<{ initialMs: number; maxMs: number }>;

export const DEFAULT_BACKOFF: Backoff = { initialMs: 250, maxMs: 10_000 };

/** Exponential with ±20 % jitter, so several relays do not retry in lockstep. */
export const backoffDelay = (attempt: number, backoff: Backoff): number => {
  const base = Math.min(backoff.maxMs, backoff.initialMs * 2 ** Math.min(attempt, 20));
  return Math.round(base * (0.8 + Math.random() * 0.4));
};

/** Resolves after `ms`, or early (without throwing) when `signal` aborts. */
export const pause = async (ms: number, signal: AbortSignal): Promise<void> => {
  try {
    await delay(ms, undefined, { signal });
  } catch (error) {
    if (!signal.aborted) throw error;
  }
};
