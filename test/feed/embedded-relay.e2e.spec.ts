import { randomUUID } from 'node:crypto';
import { Bitstring } from '@credence/credentials';
import { consumeTopic } from '@credence/feed';
import { describeKafka, eventually, readTopic } from '@credence/feed/testing/kafka';
import { ADMIN_TOKEN, startLedger, type TestLedger } from '../support/ledger-app';
import {
  accreditedIssuer,
  assessmentBody,
  credentialBody,
  expectCreated,
  logHead,
  specificationBody,
} from '../support/fixtures';

describeKafka('ledger-api relays its log to Kafka when KAFKA_BROKERS is set', (kafka) => {
  let ledger: TestLedger;
  const prefix = `e2e-${randomUUID().slice(0, 8)}.`;

  beforeAll(async () => {
    ledger = await startLedger({
      KAFKA_BROKERS: kafka.brokers().join(','),
      KAFKA_TOPIC_PREFIX: prefix,
      KAFKA_TOPIC_PARTITIONS: '2',
    });
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
        seen.set(String(headers['event-id']), {
          key: String(key),
          position: String(headers['global-position']),
        });
        return seen.size >= head ? 'stop' : 'next';
      },
    });
    expect(seen.size).toBe(head);
    expect([...seen.values()].map((m) => Number(m.position)).sort((a, b) => a - b)).toEqual(
      Array.from({ length: head }, (_, i) => i + 1),
    );
    expect([...seen.values()].some((m) => m.key === `issuer-${world.issuerId}`)).toBe(true);
    const health = await ledger.request('GET', '/health');
    expect(health.body).toMatchObject({ status: 'ok', feed: { state: 'up' } });
  });

  it('publishes the signed checkpoints of the transparency log to credence.checkpoints.v1', async () => {
    const latest = (await ledger.request('POST', '/v1/log/checkpoint', { token: ADMIN_TOKEN }))
      .body as string;
    const topic = `${prefix}credence.checkpoints.v1`;
    // The publisher creates the topic with its first send, within a poll interval of the signing.
    const read = () => readTopic(kafka.brokers(), topic).catch(() => []);
    await eventually('the latest checkpoint on the topic', async () =>
      (await read()).some((m) => m.value === latest),
    );
    const messages = await read();
    expect(messages.map((m) => [m.key, m.headers['record-type']])).toEqual(
      messages.map(() => ['credence.localhost/log', 'checkpoint']),
    );
    const notes = messages.map((m) => String(m.value));
    expect(notes.at(-1)).toBe(latest);
    const sizes = notes.map((note) => Number(note.split('\n')[1]));
    expect(sizes).toEqual([...sizes].sort((a, b) => a - b));
  });

  it('publishes the signed status lists to the compacted credence.status-lists.v1, keyed by list URL', async () => {
    const world = await accreditedIssuer(ledger);
    const asIssuer = (method: string, path: string, body?: unknown) =>
      ledger.request(method, path, { token: world.issuerToken, body });
    const specificationId = expectCreated(await asIssuer('POST', '/v1/specifications', specificationBody));
    const assessmentId = expectCreated(
      await asIssuer('POST', '/v1/assessments', assessmentBody(specificationId)),
    );
    const id = expectCreated(
      await asIssuer('POST', '/v1/credentials', credentialBody(specificationId, [assessmentId])),
    );
    const { credentialStatus } = (await asIssuer('GET', `/v1/credentials/${id}/ob3`)).body;
    const revocation = credentialStatus.find(
      (e: { statusPurpose: string }) => e.statusPurpose === 'revocation',
    );
    await asIssuer('POST', `/v1/credentials/${id}/revocation`, { reason: 'issued-in-error' });

    const topic = `${prefix}credence.status-lists.v1`;
    const read = () => readTopic(kafka.brokers(), topic).catch(() => []);
    const served = () => ledger.request('GET', new URL(revocation.statusListCredential).pathname);
    const revokedList = async () => {
      const { body, headers } = await served();
      const bits = Bitstring.decode(body.credentialSubject.encodedList);
      return bits.get(Number(revocation.statusListIndex)) ? headers.get('etag') : undefined;
    };
    await eventually('the revocation in the served list', async () => (await revokedList()) !== undefined);
    const etag = await revokedList();
    await eventually('that list version on the topic', async () =>
      (await read()).some(
        (m) => m.key === revocation.statusListCredential && m.headers['list-version'] === etag,
      ),
    );
    const message = (await read()).findLast((m) => m.key === revocation.statusListCredential)!;
    expect(message.headers['record-type']).toBe('status-list');
    expect(JSON.parse(String(message.value))).toEqual((await served()).body);
  });
});
