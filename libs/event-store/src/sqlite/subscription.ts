import type { Position, RecordedEvent } from '../envelope';
import type { BatchHandler, SubscribeOptions, Subscription } from '../event-store';
import { EventStoreError } from '../errors';

/** Wakes followers when this process commits; other processes' commits are found by polling. */
export class CommitSignal {
  private readonly listeners = new Set<() => void>();

  on(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}

/** One read of the log: the events a subscription wants, and the position it read through. */
export type LogScan = Readonly<{ events: RecordedEvent[]; through: Position | null }>;

export type LogSource = Readonly<{
  /** Up to `maxCount` events after `after`, only those of `types` (when given) decoded and kept. */
  scanAfter: (after: Position | null, maxCount: number, types?: ReadonlySet<string>) => LogScan;
  signal: CommitSignal;
  pollIntervalMs: number;
}>;

/**
 * Catch-up then follow: reads batches until the log is exhausted, then sleeps until a local commit,
 * the poll timer or stop(). Transient read errors (a busy file) are retried on the next wake-up;
 * a handler error ends the subscription and rejects `done`.
 */
export const followLog = (
  source: LogSource,
  options: SubscribeOptions,
  handler: BatchHandler,
  onEnd: () => void = () => undefined,
): Subscription => {
  const batchSize = options.batchSize ?? 500;
  let stopping = false;
  let wakeNow: (() => void) | undefined;

  const sleep = () =>
    new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        off();
        wakeNow = undefined;
        resolve();
      };
      const timer = setTimeout(wake, source.pollIntervalMs);
      const off = source.signal.on(wake);
      wakeNow = wake;
    });

  const readNext = (after: Position | null): LogScan => {
    try {
      return source.scanAfter(after, batchSize, options.types);
    } catch (error) {
      if (error instanceof EventStoreError && error.retryable) return { events: [], through: null };
      throw error;
    }
  };

  const run = async () => {
    let position = options.after;
    while (!stopping) {
      const { events, through } = readNext(position);
      if (through === null) {
        await sleep();
        continue;
      }
      await handler(events, through);
      position = through;
      // A long catch-up with a handler that never waits on I/O would otherwise run on microtasks
      // alone and starve timers and sockets until the whole history is read.
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  const runToEnd = () => run().finally(onEnd);

  // Started on a later tick, so the handler never runs before subscribe() has returned.
  const done = Promise.resolve().then(runToEnd);
  const stop = async () => {
    stopping = true;
    wakeNow?.();
    await done.catch(() => undefined);
  };
  return { stop, done };
};
