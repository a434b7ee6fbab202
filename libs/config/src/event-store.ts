import { resolve } from 'node:path';
import { EVENT_SCHEMA_VERSIONS } from '@credence/domain';
import {
  type AppendObserver,
  openEventStore,
  type EventStore,
  type EventStoreSettings,
} from '@credence/event-store';
import { readEnv } from './env';
import { ConfigError, oneOf } from './errors';

/**
 * CREDENCE_EVENT_STORE, CREDENCE_DATA_DIR (resolved against the working directory) and
 * ESDB_CONNECTION_STRING, read the same way by every app and the CLI. A value it cannot use is a
 * ConfigError at start-up, not a silent fallback.
 */
export const eventStoreSettingsFromEnv = (env: NodeJS.ProcessEnv = process.env): EventStoreSettings => {
  const kind = oneOf('CREDENCE_EVENT_STORE', readEnv('CREDENCE_EVENT_STORE', env), [
    'sqlite',
    'eventstoredb',
  ]);
  const esdbConnectionString = readEnv('ESDB_CONNECTION_STRING', env);
  if (kind === 'eventstoredb' && !esdbConnectionString) {
    throw new ConfigError('CREDENCE_EVENT_STORE=eventstoredb needs ESDB_CONNECTION_STRING');
  }
  return { kind, dataDir: resolve(readEnv('CREDENCE_DATA_DIR', env)!), esdbConnectionString };
};

/**
 * The ledger's event store, opened with Credence's event types and their schema versions: the one
 * place the generic store meets the domain's event list. Every app, the CLI and the tests open it here.
 */
export const openLedgerEventStore = (
  settings: EventStoreSettings,
  hooks: Readonly<{ observer?: AppendObserver }> = {},
): Promise<EventStore> => openEventStore(settings, EVENT_SCHEMA_VERSIONS, hooks);
