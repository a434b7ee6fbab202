import { eventStoreSettingsFromEnv, openLedgerEventStore } from '@credence/config';
import type { EventStore } from '@credence/event-store';

/** The CLI opens the same store the apps use, from the same environment variables. */
export const openLedgerStore = (env: NodeJS.ProcessEnv = process.env): Promise<EventStore> =>
  openLedgerEventStore(eventStoreSettingsFromEnv(env));
