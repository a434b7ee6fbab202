import { EventStoreDBClient, jsonEvent } from '@eventstore/db-client';
import { GenericContainer, Wait, type StartedTestContainer } from 'testcontainers';
import { announceSkip, containerRuntimeMissing } from '../../../../test/support/container-runtime';
import { CONTRACT_SCHEMA_VERSIONS, describeEventStoreContract, newEvent, uniqueStream } from '../testing';
import { EventStoreDbEventStore } from './eventstoredb-event-store';

/** Pinned, like docker/compose.yaml. Insecure single node, in memory. */
const ESDB_TEST_IMAGE = 'eventstore/eventstore:24.10.0-bookworm-slim';

/** An explicit server wins; else a throwaway container when a runtime answers; else a reason to skip. */
const target = ((): { connectionString: string } | { container: true } | { skip: string } => {
  const given = process.env.ESDB_CONNECTION_STRING;
  if (given) return { connectionString: given };
  const missing = containerRuntimeMissing();
  return missing ? { skip: `ESDB_CONNECTION_STRING is unset and ${missing}` } : { container: true };
})();

let container: StartedTestContainer | undefined;
let connectionString = 'connectionString' in target ? target.connectionString : '';

const startContainer = async () => {
  container = await new GenericContainer(ESDB_TEST_IMAGE)
    .withEnvironment({
      EVENTSTORE_CLUSTER_SIZE: '1',
      EVENTSTORE_INSECURE: 'true',
      EVENTSTORE_MEM_DB: 'true',
      EVENTSTORE_RUN_PROJECTIONS: 'None',
    })
    .withExposedPorts(2113)
    .withWaitStrategy(
      Wait.forHttp('/health/live', 2113).forStatusCodeMatching((code) => code >= 200 && code < 300),
    )
    .withStartupTimeout(180_000)
    .start();
  connectionString = `esdb://${container.getHost()}:${container.getMappedPort(2113)}?tls=false`;
};

/** readAll/subscribe only see the event types they are given: here, the ones the suite writes. */
const open = async () =>
  EventStoreDbEventStore.connect(connectionString, { schemaVersions: CONTRACT_SCHEMA_VERSIONS });

if ('skip' in target) announceSkip('EventStore contract: EventStoreDB', target.skip);
const describeWithServer = 'skip' in target ? describe.skip : describe;

describeWithServer('EventStoreDB adapter', () => {
  // A first run pulls the image, which can take minutes.
  if ('container' in target) beforeAll(startContainer, 300_000);
  afterAll(async () => {
    await container?.stop();
  });

  describe('EventStoreDB specifics', () => {
    let store: EventStoreDbEventStore;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(() => store.close());

    it('reports $all positions as "<commit>:<prepare>" and reads past events of other types', async () => {
      const [foreignStream, stream] = [uniqueStream('foreign'), uniqueStream('specifics')];
      const before = await store.headPosition();
      const raw = EventStoreDBClient.connectionString(connectionString);
      await raw.appendToStream(foreignStream, jsonEvent({ type: 'NotForCredence', data: { n: 1 } }));
      await raw.dispose();
      const { events } = await store.append(stream, [newEvent()], { expectedVersion: 'no_stream' });

      expect(events[0].globalPosition).toMatch(/^\d+:\d+$/);
      const seen = await store.readAll({ after: before });
      expect(seen.filter((e) => e.streamId === stream)).toEqual(events);
      expect(seen.filter((e) => e.streamId === foreignStream || e.type.startsWith('$'))).toEqual([]);
    });
  });

  describeEventStoreContract('EventStoreDB', {
    open,
    // A new client on the same server. The adapter answers retries from the stream itself, not
    // from the server's idempotency cache, which is what lets them survive a server restart too.
    reopen: async (store) => {
      await store.close();
      return open();
    },
  });
});
