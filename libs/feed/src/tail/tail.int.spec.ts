import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import type { RecordedEvent } from '@credence/event-store';
import { ledgerMessage } from '../messages';
import {
  chained,
  credentialIssued,
  credentialReinstated,
  credentialRevoked,
  credentialSuspended,
} from '../testing/events';
import { describeKafka, uniquePrefix } from '../testing/kafka';
import { LEDGER_TOPIC } from '../topics';
import { tailFeed } from './tail';

const root = resolve(__dirname, '../../../..');

describeKafka('credence feed tail', (kafka) => {
  const c1 = chained(
    'credential-c1',
    [credentialIssued('c1'), credentialSuspended('c1'), credentialReinstated('c1'), credentialRevoked('c1')],
    1,
  );
  const c2 = chained('credential-c2', [credentialIssued('c2'), credentialRevoked('c2')], 5);

  /** A one-partition topic holding `events` as the relay would publish them. */
  const topicWith = async (events: readonly RecordedEvent[]): Promise<string> => {
    const topic = `${uniquePrefix('tail')}${LEDGER_TOPIC}`;
    const client = new Kafka({ brokers: kafka.brokers(), logLevel: logLevel.NOTHING });
    const admin = client.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
    await admin.disconnect();
    const producer = client.producer();
    await producer.connect();
    await producer.send({ topic, acks: -1, messages: events.map((e) => ({ ...ledgerMessage(e) })) });
    await producer.disconnect();
    return topic;
  };

  const tailAll = async (topic: string, keepGoing = false) => {
    const lines: string[] = [];
    const summary = await tailFeed({
      brokers: kafka.brokers(),
      topic,
      untilEnd: true,
      keepGoing,
      write: (l) => void lines.push(l),
    });
    return { lines, summary };
  };

  it('writes each event once, skipping a re-delivered one, when every chain holds', async () => {
    const topic = await topicWith([c1[0], c2[0], c1[1], c1[1], c1[2], c2[1], c1[3]]);
    const { lines, summary } = await tailAll(topic);
    expect(lines.map((l) => (JSON.parse(l) as RecordedEvent).eventId)).toEqual(
      [c1[0], c2[0], c1[1], c1[2], c2[1], c1[3]].map((e) => e.eventId),
    );
    expect(summary).toMatchObject({ duplicates: 1, broken: [] });
  });

  it('stops at a tampered message, reporting the stream, version and reason', async () => {
    const tampered = { ...c1[2], data: { ...(c1[2].data as object), note: 'edited after the fact' } };
    const topic = await topicWith([c1[0], c1[1], tampered, c1[3]]);
    const { lines, summary } = await tailAll(topic);
    expect(lines).toHaveLength(2);
    expect(summary.broken).toEqual([
      expect.objectContaining({
        streamId: 'credential-c1',
        streamVersion: 2,
        offset: '2',
        reason: 'hash does not match the content',
      }),
    ]);
  });

  it('with --keep-going flags the broken message in the output and reads on', async () => {
    const topic = await topicWith([c1[0], c1[2], c2[0]]);
    const { lines, summary } = await tailAll(topic, true);
    expect(lines).toHaveLength(3);
    expect(JSON.parse(lines[1])).toMatchObject({
      chainBroken: { reason: 'expected version 1, found 2' },
      value: { eventId: c1[2].eventId },
    });
    expect(summary.broken).toHaveLength(1);
  });

  it('as a command, exits 2 and says where the chain broke', async () => {
    const tampered = { ...c2[1], data: { ...(c2[1].data as object), reason: 'issuer-request' } };
    const topic = await topicWith([c2[0], tampered]);
    const run = promisify(execFile)(
      process.execPath,
      [
        '--import',
        './scripts/register-ts.mjs',
        'apps/cli/src/main.ts',
        'feed',
        'tail',
        '--until-end',
        '--topic',
        topic,
        '--brokers',
        kafka.brokers().join(','),
      ],
      { cwd: root },
    );
    const failure = (await run.then(
      () => undefined,
      (e: unknown) => e,
    )) as { code: number; stdout: string; stderr: string };
    expect(failure?.code).toBe(2);
    expect(failure.stdout.trim().split('\n')).toHaveLength(1);
    expect(failure.stderr).toContain(
      `chain broken at ${topic}/0@1 (stream credential-c2, version 1, event ${c2[1].eventId}): hash does not match the content`,
    );
  });
});
