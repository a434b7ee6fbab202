/** The part of a Node readable the pump uses; the client's subscription types narrow `Readable`. */
export type PumpSource = {
  read(): unknown;
  on(event: 'error', listener: (error: unknown) => void): unknown;
  once(event: string, listener: () => void): unknown;
  off(event: string, listener: () => void): unknown;
  readonly readableEnded: boolean;
  readonly destroyed: boolean;
};

const WAKE_EVENTS = ['readable', 'end', 'close', 'error'] as const;

/** Resolves on the next sign of life: data, the end, or a failure (which the caller reads). */
const nextSignal = (stream: PumpSource): Promise<void> =>
  new Promise((resolve) => {
    const wake = () => {
      for (const event of WAKE_EVENTS) stream.off(event, wake);
      resolve();
    };
    for (const event of WAKE_EVENTS) stream.once(event, wake);
  });

/**
 * Hands a readable's items to `handle` in batches of what has arrived so far (at most `size`),
 * waiting for each batch to settle before reading on: during catch-up batches fill up, once live
 * they shrink to single events. Resolves when the stream ends or `isStopped()`; rejects with the
 * handler's error or the stream's (after delivering what arrived before it).
 */
export const pumpInBatches = async <T>(
  stream: PumpSource,
  size: number,
  handle: (items: T[]) => Promise<void>,
  isStopped: () => boolean = () => false,
): Promise<void> => {
  const failure: { error?: unknown; failed: boolean } = { failed: false };
  // Stays attached: the EventStoreDB client emits 'error' itself, and an 'error' with no listener
  // (even after the pump has finished) would crash the process.
  stream.on('error', (error: unknown) => {
    if (!failure.failed) Object.assign(failure, { error, failed: true });
  });
  for (;;) {
    if (isStopped()) return;
    const batch: T[] = [];
    for (let item: T | null; batch.length < size && (item = stream.read() as T | null) !== null;)
      batch.push(item);
    if (batch.length > 0) {
      await handle(batch);
      continue;
    }
    if (failure.failed) throw failure.error;
    if (stream.readableEnded || stream.destroyed) return;
    await nextSignal(stream);
  }
};
