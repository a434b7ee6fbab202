import { join } from 'node:path';
import type { EventStore } from './event-store';
import { EventStoreError } from './errors';
import { type CommitHook, SqliteEventStore } from './sqlite';
import type * as EventStoreDbModuleNs from './eventstoredb';

type EventStoreDbModule = typeof EventStoreDbModuleNs;

export type EventStoreSettings = Readonly<{
  kind: 'sqlite' | 'eventstoredb';
  /** The embedded store lives at `<dataDir>/events.sqlite`. */
  dataDir: string;
  esdbConnectionString?: string;
  /** Embedded store only: work committed in every append transaction (the transparency log's tree). */
  sqliteCommitHook?: CommitHook;
}>;

export const sqliteEventsPath = (dataDir: string): string => join(dataDir, 'events.sqlite');

/**
 * Every app opens its store here, so the API, projector, relay and CLI agree on the file and the
 * adapter.
 */
export const openEventStore = async (settings: EventStoreSettings): Promise<EventStore> => {
  if (settings.kind === 'eventstoredb') {
    if (!settings.esdbConnectionString) throw new EventStoreError('eventstoredb needs ESDB_CONNECTION_STRING');
    // Loaded on demand: an embedded deployment never pays for the gRPC client.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { EventStoreDbEventStore } = require('./eventstoredb') as EventStoreDbModule;
    return EventStoreDbEventStore.connect(settings.esdbConnectionString);
  }
  return SqliteEventStore.open({ path: sqliteEventsPath(settings.dataDir), commitHook: settings.sqliteCommitHook });
};
