import { statSync } from 'node:fs';
import { type CommitHook, SqliteEventStore } from '@credence/event-store/sqlite';
import type { Append } from '../../workload/credential-events';
import { driveWriters, type Timing } from './driver';

const WAL_SAMPLE_MS = 5;

const walBytes = (path: string): number => {
  try {
    return statSync(`${path}-wal`).size;
  } catch {
    return 0;
  }
};

/** The WAL file's size, sampled between the store's group commits (timers run between flushes). */
const sampleWal = (path: string) => {
  let peak = 0;
  const sample = () => (peak = Math.max(peak, walBytes(path)));
  const timer = setInterval(sample, WAL_SAMPLE_MS);
  return {
    /** Peak while loaded, and the size once the load stops (before close checkpoints it away). */
    stop: () => {
      clearInterval(timer);
      const final = walBytes(path);
      return { peakBytes: Math.max(peak, final), finalBytes: final };
    },
  };
};

/**
 * Credence's SqliteEventStore under `writers` concurrent callers, each awaiting its append;
 * `commitHook` as ledger-api passes it (the transparency log's tree), or none.
 */
export const storeWriters = async (
  path: string,
  writers: number,
  next: () => Append,
  timing: Timing,
  commitHook?: CommitHook,
) => {
  const store = SqliteEventStore.open({ path, commitHook });
  try {
    const settings = store.settings();
    const wal = sampleWal(path);
    const recorder = await driveWriters(
      writers,
      next,
      ({ streamId, events }) => store.append(streamId, events, { expectedVersion: 'any' }),
      timing,
    );
    const { transactions, appends } = store.stats;
    return {
      recorder,
      settings,
      wal: wal.stop(),
      appendsPerTransaction: transactions > 0 ? appends / transactions : 0,
    };
  } finally {
    await store.close();
  }
};
