import { randomUUID } from 'node:crypto';
import { consumeTopic } from '@credence/feed';
import { describeKafka } from '@credence/feed/testing/kafka';
import { startLedger, type TestLedger } from '../support/ledger-app';
import { accreditedIssuer, logHead } from '../support/fixtures';

describeKafka('ledger-api relays its log to Kafka when KAFKA_BROKERS is set', (kafka) => {
  let ledger: TestLedger;
  const prefix = `e2e-${randomUUID().slice(0, 8)}.`;

  beforeAll(async () => {
    ledger = await startLedger({ KAFKA_BROKERS: kafka.brokers().join(','), KAFKA_TOPIC_PREFIX: prefix, KAFKA_TOPIC_PARTITIONS: '2' });
  });
  afterAll(() => ledger?.close());

  it('publishes every event of the log once, keyed by stream, and reports the relay in /health', async () => {
    const world = await accreditedIssuer(ledger);
    const head = Number(await logHead(ledger));
    // The relay creates its topics when it starts; consume once it says it has published the log.
    const published = async () => (await ledger.request('GET', '/health')).body.feed?.publishedEvents ?? 0;
    for (let i = 0; i < 200 && (await published()) < head; i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    const seen = new Map<string, { key: string; position: string }>();
    const deadline = AbortSignal.timeout(30_000);
    await consumeTopic({
      brokers: kafka.brokers(),
      topic: `${prefix}credence.ledger.v1`,
      signal: deadline,
      onMessage: ({ key, headers }) => {
        seen.set(String(headers['event-id']), { key: String(key), position: String(headers['global-position']) });
        return seen.size >= head ? 'stop' : 'next';
      },
    });
    expect(seen.size).toBe(head);
    expect([...seen.values()].map((m) => Number(m.position)).sort((a, b) => a - b)).toEqual(Array.from({ length: head }, (_, i) => i + 1));
    expect([...seen.values()].some((m) => m.key === `issuer-${world.issuerId}`)).toBe(true);
    const health = await ledger.request('GET', '/health');
    expect(health.body).toMatchObject({ status: 'ok', feed: { state: 'up' } });
  });
});
