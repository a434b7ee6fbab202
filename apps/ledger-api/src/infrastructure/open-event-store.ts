import { openLedgerEventStore } from '@credence/config';
import type { EventStore } from '@credence/event-store';
import type { LedgerConfig } from '../config';

export const openEventStore = (config: LedgerConfig): Promise<EventStore> =>
  openLedgerEventStore({ kind: config.eventStore, dataDir: config.dataDir, esdbConnectionString: config.esdbConnectionString });
