import type { RecordedEvent } from '../envelope';
import type { EventStore, SubscribeOptions } from '../event-store';
import { ofStreams } from './fixtures';

/** Generous: only a hung subscription should ever reach it, and it names what was missing. */
const DEADLINE_MS = 20_000;

/** Subscribes and keeps what arrives for the given streams; `until(n)` waits for the n-th event. */
export const collect = (store: EventStore, options: SubscribeOptions, streams: readonly string[]) => {
  const events: RecordedEvent[] = [];
  const batches: RecordedEvent[][] = [];
  let onEvent = (): void => undefined;
  const subscription = store.subscribe(options, async (batch) => {
    batches.push([...batch]);
    events.push(...ofStreams(batch, ...streams));
    onEvent();
  });

  const until = (count: number): Promise<RecordedEvent[]> =>
    new Promise((resolve, reject) => {
      const fail = (error: unknown) => {
        clearTimeout(deadline);
        reject(error);
      };
      const deadline = setTimeout(
        () => fail(new Error(`subscription delivered ${events.length} of ${count} events`)),
        DEADLINE_MS,
      );
      onEvent = () => {
        if (events.length < count) return;
        clearTimeout(deadline);
        resolve([...events]);
      };
      subscription.done.then(() => fail(new Error('subscription ended early')), fail);
      onEvent();
    });

  return { events, batches, subscription, until };
};

/** A promise plus its resolver, to hold a handler mid-batch. */
export const gate = () => {
  let open = (): void => undefined;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
};

/** Lets pending promise jobs and setImmediate callbacks run a few rounds; no timers involved. */
export const settle = async (rounds = 5) => {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setImmediate(resolve));
};
