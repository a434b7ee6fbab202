import type { ExpectedVersion, NewEvent, RecordedEvent } from '../envelope';
import { DuplicateEventError } from '../errors';

/**
 * What an append does, decided from the stream events read before it (pure, so unit-tested).
 *
 * EventStoreDB dedupes retried event ids only from an in-memory cache that a server restart
 * empties. So the stream itself is checked: if the batch's first id is already where this append
 * would put it (anywhere, for `any`), the batch was stored by an earlier attempt and the stored
 * events are the result. That keeps retries idempotent across restarts.
 */
export type AppendPlan =
  | { kind: 'stored'; events: readonly RecordedEvent[] }
  | { kind: 'append'; tail: RecordedEvent | null }
  | { kind: 'conflict' };

export type StreamWindow = Readonly<{ fromVersion: number; maxCount?: number }>;

const expectedLast = (expected: Exclude<ExpectedVersion, 'any'>) =>
  expected === 'no_stream' ? -1 : expected;

/** The events to read: the expected tail plus the places the batch would occupy (`any`: all). */
export const windowFor = (expected: ExpectedVersion, batchSize: number): StreamWindow => {
  if (expected === 'any') return { fromVersion: 0 };
  const last = expectedLast(expected);
  return last < 0 ? { fromVersion: 0, maxCount: batchSize } : { fromVersion: last, maxCount: batchSize + 1 };
};

/** A retry must resend the same batch: the same ids, in order, stored together. */
const stored = (batch: readonly NewEvent[], events: readonly RecordedEvent[]): AppendPlan => {
  const same =
    events.length === batch.length && events.every((event, i) => event.eventId === batch[i].eventId);
  if (!same) throw new DuplicateEventError(batch[0].eventId);
  return { kind: 'stored', events };
};

/** `window` holds the events `windowFor` asked for. */
export const planAppend = (
  expected: ExpectedVersion,
  batch: readonly NewEvent[],
  window: readonly RecordedEvent[],
): AppendPlan => {
  if (expected === 'any') {
    const at = window.findIndex((event) => event.eventId === batch[0].eventId);
    return at >= 0
      ? stored(batch, window.slice(at, at + batch.length))
      : { kind: 'append', tail: window.at(-1) ?? null };
  }
  const last = expectedLast(expected);
  const tail = last < 0 ? null : window[0];
  if (tail === undefined || (tail !== null && tail.streamVersion !== last)) return { kind: 'conflict' };
  const after = last < 0 ? window : window.slice(1);
  if (after.length === 0) return { kind: 'append', tail };
  return after[0].eventId === batch[0].eventId ? stored(batch, after) : { kind: 'conflict' };
};
