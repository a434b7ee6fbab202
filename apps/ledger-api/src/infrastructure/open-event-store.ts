import { openLedgerEventStore } from '@credence/config';
import type { AppendObserver, EventStore } from '@credence/event-store';
import { EMBEDDED_TREE_HOOK } from '@credence/transparency';
import type { LedgerConfig } from '../config';

/** On the embedded store, the transparency log's tree commits in every append transaction. */
export const openEventStore = (config: LedgerConfig, observer?: AppendObserver): Promise<EventStore> =>
  openLedgerEventStore(
    {
      kind: config.eventStore,
      dataDir: config.dataDir,
      esdbConnectionString: config.esdbConnectionString,
      // Named by module, not built here: a writer thread builds its own.
      sqliteCommitHook: EMBEDDED_TREE_HOOK,
      sqliteWriterThread: config.sqliteWriter === 'thread',
    },
    { observer },
  );
