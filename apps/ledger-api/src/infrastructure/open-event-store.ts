import { openEventStore as open, type EventStore } from '@credence/event-store';
import { embeddedTreeHook } from '@credence/transparency';
import type { LedgerConfig } from '../config';

/** On the embedded store, the transparency log's tree commits in every append transaction. */
export const openEventStore = (config: LedgerConfig): Promise<EventStore> =>
  open({
    kind: config.eventStore,
    dataDir: config.dataDir,
    esdbConnectionString: config.esdbConnectionString,
    sqliteCommitHook: embeddedTreeHook(),
  });
