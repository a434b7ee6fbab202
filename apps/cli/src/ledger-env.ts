import { resolve } from 'node:path';
import { readEnv } from '@credence/config';
import { type EventStore, openEventStore } from '@credence/event-store';

/** The CLI opens the same store the apps use, from the same environment variables. */
export const openLedgerStore = (env: NodeJS.ProcessEnv = process.env): Promise<EventStore> =>
  openEventStore({
    kind: readEnv('CREDENCE_EVENT_STORE', env) === 'eventstoredb' ? 'eventstoredb' : 'sqlite',
    dataDir: resolve(readEnv('CREDENCE_DATA_DIR', env) ?? './data'),
    esdbConnectionString: readEnv('ESDB_CONNECTION_STRING', env),
  });
