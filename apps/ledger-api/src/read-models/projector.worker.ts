import { parentPort, workerData } from 'node:worker_threads';
import { openLedgerEventStore } from '@credence/config';
import { Projector, PROJECTIONS, ReadModelDatabase } from '@credence/projections';
import type {
  FromProjectorThread,
  ProjectorWorkerData,
  ToProjectorThread,
} from './projector-thread-messages';

/**
 * The embedded projector's thread (see projector-thread.ts): its own connections to the event store
 * (read side) and the read models, the same Projector as apps/projector. Each batch still commits
 * with its checkpoints in one read-model transaction, so a thread killed mid-batch loses nothing.
 */
const port = parentPort!;
const settings = workerData as ProjectorWorkerData;
const post = (message: FromProjectorThread) => port.postMessage(message);

// The main thread's answers read state and lastError; they are posted only when they change, so a
// steady stream of batches costs the main thread no message at all.
let reported = '';
const report = (projector: Projector) => {
  const key = `${projector.state}\0${projector.lastError}`;
  if (key === reported) return;
  reported = key;
  post({ type: 'status', state: projector.state, lastError: projector.lastError });
};

const run = async () => {
  const store = await openLedgerEventStore(settings.eventStore);
  const rm = await ReadModelDatabase.open(settings.readModels).catch(async (error: unknown) => {
    await store.close();
    throw error;
  });
  const projector: Projector = new Projector(store, rm, PROJECTIONS, {
    batchSize: settings.batchSize,
    onBatch: () => report(projector),
    onError: (error) => {
      post({ type: 'batch-failed', message: error instanceof Error ? error.message : String(error) });
      // The state becomes 'retrying' once this callback returns.
      setImmediate(() => report(projector));
    },
  });
  // Transitions without a batch (running at the head, stopped) are caught by a slow look.
  const watch = setInterval(() => report(projector), settings.statusEveryMs);
  let stopping: Promise<void> | undefined;
  port.on('message', (message: ToProjectorThread) => {
    if (message === 'stop') {
      stopping ??= (async () => {
        clearInterval(watch);
        await projector.stop();
        await Promise.allSettled([store.close(), rm.close()]);
        report(projector);
        port.close();
      })();
    } else {
      // A commit on the main thread's connection: read it now rather than at the next poll.
      store.committedElsewhere();
    }
  });
  await projector.start();
  report(projector);
  post({ type: 'started' });
  // A failed projector never recovers here: the thread ends, and the main thread starts a new one.
  await projector.done;
  if (!stopping)
    throw new Error(`The projector ${projector.state}: ${projector.lastError ?? 'the log closed'}`);
};

// Thrown outside the promise, an error ends the thread with an 'error' event: the main thread
// reports it and starts another.
run().catch((error: unknown) =>
  process.nextTick(() => {
    throw error;
  }),
);
