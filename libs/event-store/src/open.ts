import { join } from 'node:path';
import type { EventSchemaVersions, EventStore } from './event-store';
import { EventStoreError } from './errors';
import type { AppendObserver } from './observer';
import { type CommitHook, type CommitHookModule, SqliteEventStore } from './sqlite';
import type * as EventStoreDbModuleNs from './eventstoredb';

type EventStoreDbModule = typeof EventStoreDbModuleNs;

export type EventStoreSettings = Readonly<{
  kind: 'sqlite' | 'eventstoredb';
  /** The embedded store lives at `<dataDir>/events.sqlite`. */
  dataDir: string;
  esdbConnectionString?: string;
  /**
   * Embedded store only: work committed in every append transaction (the transparency log's tree);
   * a writer thread needs it as a module.
   */
  sqliteCommitHook?: CommitHook | CommitHookModule;
  /** Embedded store only: appends written by a worker thread (SqliteEventStoreOptions.writerThread). */
  sqliteWriterThread?: boolean;
}>;

export const sqliteEventsPath = (dataDir: string): string => join(dataDir, 'events.sqlite');

/**
 * Opens the adapter the settings name, for the caller's event types (see EventSchemaVersions). Apps
 * reach it through openLedgerEventStore in libs/config, so they agree on the file, the adapter and
 * the types.
 */
export const openEventStore = async (
  settings: EventStoreSettings,
  schemaVersions: EventSchemaVersions,
  /** Metrics hooks; the embedded adapter reports appends and group commits (EventStoreDB: none yet). */
  hooks: Readonly<{ observer?: AppendObserver }> = {},
): Promise<EventStore> => {
  if (settings.kind === 'eventstoredb') {
    if (!settings.esdbConnectionString)
      throw new EventStoreError('eventstoredb needs ESDB_CONNECTION_STRING');
    // Loaded on demand: an embedded deployment never pays for the gRPC client.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { EventStoreDbEventStore } = require('./eventstoredb') as EventStoreDbModule;
    return EventStoreDbEventStore.connect(settings.esdbConnectionString, { schemaVersions });
  }
  return SqliteEventStore.open({
    path: sqliteEventsPath(settings.dataDir),
    schemaVersions,
    observer: hooks.observer,
    commitHook: settings.sqliteCommitHook,
    writerThread: settings.sqliteWriterThread,
  });
};
