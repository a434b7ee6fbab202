import { type CommitHook, SqliteEventStore } from '@credence/event-store/sqlite';
import type { Append } from '../../workload/credential-events';
import { driveWriters, type Timing } from './driver';

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
    const recorder = await driveWriters(
      writers,
      next,
      ({ streamId, events }) => store.append(streamId, events, { expectedVersion: 'any' }),
      timing,
    );
    const { transactions, appends } = store.stats;
    return { recorder, settings, appendsPerTransaction: transactions > 0 ? appends / transactions : 0 };
  } finally {
    await store.close();
  }
};
