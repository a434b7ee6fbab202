import { resolve } from 'node:path';
import { ConfigError } from './errors';
import { eventStoreSettingsFromEnv } from './event-store';

describe('eventStoreSettingsFromEnv', () => {
  it('given nothing set, opens the embedded store in ./data, resolved against the working directory', () => {
    expect(eventStoreSettingsFromEnv({})).toEqual({
      kind: 'sqlite',
      dataDir: resolve('./data'),
      esdbConnectionString: undefined,
    });
  });

  it('given EventStoreDB with its connection string, names both', () => {
    const env = {
      CREDENCE_EVENT_STORE: 'eventstoredb',
      ESDB_CONNECTION_STRING: 'esdb://db:2113?tls=false',
      CREDENCE_DATA_DIR: '/var/credence',
    };
    expect(eventStoreSettingsFromEnv(env)).toEqual({
      kind: 'eventstoredb',
      dataDir: '/var/credence',
      esdbConnectionString: 'esdb://db:2113?tls=false',
    });
  });

  it.each([
    [
      'an unknown store',
      { CREDENCE_EVENT_STORE: 'postgres' },
      /CREDENCE_EVENT_STORE must be one of sqlite, eventstoredb; got "postgres"/,
    ],
    ['a misspelt store', { CREDENCE_EVENT_STORE: 'SQLite' }, /CREDENCE_EVENT_STORE must be one of/],
    [
      'EventStoreDB without a connection string',
      { CREDENCE_EVENT_STORE: 'eventstoredb' },
      /needs ESDB_CONNECTION_STRING/,
    ],
  ])('given %s, refuses to start with a ConfigError that says why', (_, env, message) => {
    expect(() => eventStoreSettingsFromEnv(env)).toThrow(ConfigError);
    expect(() => eventStoreSettingsFromEnv(env)).toThrow(message);
  });
});
