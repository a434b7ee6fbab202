import { HEADERS } from '../headers';
import { describeKafka, eventually, readTopic, uniquePrefix } from '../testing/kafka';
import { startStatusListFeed, type PublishedList, type StatusListFeed } from './status-list-feed';

const list = (url: string, version: string): PublishedList => ({
  url,
  version,
  document: { id: url, type: ['VerifiableCredential', 'BitstringStatusListCredential'], version },
});

describeKafka('status list feed against a real broker', (kafka) => {
  let feed: StatusListFeed | undefined;
  afterEach(() => feed?.stop());

  it('publishes each list keyed by its URL, again only when its version changes, on a compacted topic', async () => {
    // Given two lists, one of which changes while the feed runs
    const a = 'http://127.0.0.1:3000/status-lists/uni-1/revocation/0';
    const b = 'http://127.0.0.1:3000/status-lists/uni-1/suspension/0';
    let current = [list(a, 'v1'), list(b, 'v1')];
    const topicPrefix = uniquePrefix('status-lists');
    feed = startStatusListFeed({
      brokers: kafka.brokers(),
      source: { lists: async () => current },
      topicPrefix,
      pollIntervalMs: 50,
    });
    await eventually('both lists', async () => (await readTopic(kafka.brokers(), feed!.topic)).length === 2);

    // When one list gets a new version
    current = [list(a, 'v2'), list(b, 'v1')];
    await eventually(
      'the new version',
      async () => (await readTopic(kafka.brokers(), feed!.topic)).length >= 3,
    );
    await new Promise((r) => setTimeout(r, 300));

    // Then the topic holds each version once, keyed by URL, the signed document as the value
    const messages = await readTopic(kafka.brokers(), feed.topic);
    expect(feed.topic).toBe(`${topicPrefix}credence.status-lists.v1`);
    expect(messages.map((m) => [m.key, m.headers[HEADERS.listVersion]])).toEqual([
      [a, 'v1'],
      [b, 'v1'],
      [a, 'v2'],
    ]);
    expect(JSON.parse(messages[2]!.value!)).toEqual(list(a, 'v2').document);
    expect(messages[0]!.headers[HEADERS.recordType]).toBe('status-list');
  });
});
