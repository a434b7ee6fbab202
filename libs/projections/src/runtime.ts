import { eventStoreSettingsFromEnv, openLedgerEventStore, readEnv } from '@credence/config';
import type { EventStore } from '@credence/event-store';
import { ReadModelDatabase } from './store/database';
import { migrateTableSet } from './store/table-set';

export type ProjectionRuntime = Readonly<{
  store: EventStore;
  rm: ReadModelDatabase;
  close: () => Promise<void>;
}>;

/**
 * The event store and the read-model database as the environment names them (CREDENCE_DATA_DIR,
 * CREDENCE_EVENT_STORE, ESDB_CONNECTION_STRING, DATABASE_URL), with the live tables migrated:
 * apps/projector and `credence projections` open them the same way ledger-api does.
 */
export const openProjectionRuntime = async (
  env: NodeJS.ProcessEnv = process.env,
): Promise<ProjectionRuntime> => {
  const settings = eventStoreSettingsFromEnv(env);
  const store = await openLedgerEventStore(settings);
  try {
    const rm = await ReadModelDatabase.open({
      databaseUrl: readEnv('DATABASE_URL', env),
      dataDir: settings.dataDir,
    });
    await migrateTableSet(rm);
    return { store, rm, close: async () => void (await Promise.allSettled([store.close(), rm.close()])) };
  } catch (error) {
    await store.close();
    throw error;
  }
};
