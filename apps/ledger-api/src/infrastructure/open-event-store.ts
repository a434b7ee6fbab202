import { type AppendObserver, openEventStore as open, type EventStore } from '@credence/event-store';
import type { LedgerConfig } from '../config';

export const openEventStore = (config: LedgerConfig, observer?: AppendObserver): Promise<EventStore> =>
  open({ kind: config.eventStore, dataDir: config.dataDir, esdbConnectionString: config.esdbConnectionString }, { observer });
