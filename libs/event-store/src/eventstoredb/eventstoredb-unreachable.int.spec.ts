import { createServer } from 'node:net';
import { randomUUID } from 'node:crypto';
import { StoreUnavailableError } from '../errors';
import { CONTRACT_SCHEMA_VERSIONS, metadataFor } from '../testing/fixtures';
import { EventStoreDbEventStore } from './eventstoredb-event-store';

/** A local port with nothing listening: the real client, refused for real. Needs no server. */
const closedPort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });

describe('EventStoreDB adapter without a reachable server', () => {
  let store: EventStoreDbEventStore;
  beforeAll(async () => {
    store = EventStoreDbEventStore.connect(`esdb://127.0.0.1:${await closedPort()}?tls=false`, {
      schemaVersions: CONTRACT_SCHEMA_VERSIONS,
    });
  });
  afterAll(() => store.close());

  const unavailable = expect.objectContaining({
    name: 'StoreUnavailableError',
    retryable: true,
    message: expect.stringMatching(/^EventStoreDB is unreachable \(.*\); retry when it is back$/),
  });

  it.each([
    [
      'append',
      () =>
        store.append('issuer-1', [
          {
            eventId: randomUUID(),
            type: 'IssuerRegistered',
            schemaVersion: 1,
            data: {},
            metadata: metadataFor(),
          },
        ]),
    ],
    ['readStream', () => store.readStream('issuer-1')],
    ['readAll', () => store.readAll({ after: null, maxCount: 10 })],
    ['headPosition', () => store.headPosition()],
  ])('%s fails with a clear, retryable StoreUnavailableError', async (_name, call) => {
    const error = await call().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect(error).toEqual(unavailable);
  });

  it('a subscription ends with the same error, so its owner can resume from its checkpoint', async () => {
    let delivered = 0;
    const subscription = store.subscribe({ after: null }, async () => {
      delivered += 1;
    });
    await expect(subscription.done).rejects.toEqual(unavailable);
    expect(delivered).toBe(0);
  });

  it('refuses calls once closed', async () => {
    const closed = EventStoreDbEventStore.connect('esdb://127.0.0.1:1?tls=false', {
      schemaVersions: CONTRACT_SCHEMA_VERSIONS,
    });
    await closed.close();
    await expect(closed.readStream('issuer-1')).rejects.toThrow('The event store is closed');
  });

  it('refuses a malformed connection string up front', () => {
    expect(() =>
      EventStoreDbEventStore.connect('http://nope', { schemaVersions: CONTRACT_SCHEMA_VERSIONS }),
    ).toThrow(/Invalid ESDB_CONNECTION_STRING/);
  });
});
