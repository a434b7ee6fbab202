import { openLedgerEventStore } from '@credence/config';
import type { AppendObserver, EventStore } from '@credence/event-store';
import type { LedgerConfig } from '../config';

export const openEventStore = (config: LedgerConfig, observer?: AppendObserver): Promise<EventStore> =>
  openLedgerEventStore({ kind: config.eventStore, dataDir: config.dataDir, esdbConnectionString: config.esdbConnectionString }, { observer });
