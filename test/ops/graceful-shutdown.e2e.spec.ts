import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { sqliteEventsPath } from '@credence/event-store';
import { SqliteEventStore } from '@credence/event-store/sqlite';
import { HEADERS } from '@credence/feed/headers';
import { describeKafka, eventually, readTopic, uniquePrefix } from '@credence/feed/testing/kafka';
import { feedTopics } from '@credence/feed/topics';
import { ADMIN_TOKEN } from '../support/ledger-app';
import { type ApiProcess, spawnApi } from '../support/api-process';
import { parseScrape, samples } from '../support/prometheus';

const CONNECTIONS = 64;

type LoadResult = Readonly<{
  acknowledged: string[];
  statuses: number[];
  networkErrors: number;
  exitCode: number | null;
  stopMs: number;
  output: string;
}>;

/**
 * 64 clients registering issuers as fast as the API answers; once `before` writes are acknowledged
 * the API gets SIGTERM, and the clients keep going until it has exited.
 */
const sigtermUnderLoad = async (api: ApiProcess, before: number): Promise<LoadResult> => {
  // Admin may register issuers; a QA-body principal would first need a registered QA body to bind to.
  const token = ADMIN_TOKEN;
  const acknowledged: string[] = [];
  const statuses: number[] = [];
  let networkErrors = 0;
  let exited = false;
  const exitCode = api.exited.finally(() => (exited = true));
  const client = async (n: number) => {
    for (let i = 0; !exited; i++) {
      try {
        const body = { legalName: `Load ${n}-${i}`, country: 'NL', registrationId: `LOAD-${n}-${i}` };
        const reply = await api.request('POST', '/v1/issuers', { token, body });
        statuses.push(reply.status);
        if (reply.status === 201) acknowledged.push(reply.body.id as string);
      } catch {
        // Refused or cut connections: the request was not accepted, or its answer was lost.
        networkErrors += 1;
        await sleep(10);
      }
    }
  };
  const clients = Array.from({ length: CONNECTIONS }, (_, n) => client(n));
  await eventually(`${before} acknowledged writes`, () => acknowledged.length >= before);
  const signalled = performance.now();
  api.process.kill('SIGTERM');
  const code = await exitCode;
  const stopMs = performance.now() - signalled;
  await Promise.all(clients);
  return { acknowledged, statuses, networkErrors, exitCode: code, stopMs, output: api.output() };
};

const issuerStreams = async (dataDir: string): Promise<Set<string>> => {
  const store = SqliteEventStore.open({ path: sqliteEventsPath(dataDir) });
  try {
    const events = await store.readAll();
    return new Set(events.filter((e) => e.type === 'IssuerRegistered').map((e) => e.streamId));
  } finally {
    await store.close();
  }
};

/** Generous, so that only a drain that never ends on its own (keep-alive clients kept busy) runs into it. */
const DRAIN_MS = 20_000;

const expectCleanShutdown = (result: LoadResult) => {
  // Every request that got an answer got a 2xx: none was accepted and then failed.
  expect(result.statuses.filter((status) => status !== 201)).toEqual([]);
  expect(result.exitCode).toBe(0);
  // The drain ended because the connections closed, not because its time ran out.
  expect(result.output).not.toContain('drain time is up');
  expect(result.stopMs).toBeLessThan(DRAIN_MS);
};

describe('SIGTERM under load', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'credence-sigterm-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('drains 64 connections: no 5xx, exit code 0, every acknowledged write in the log after a restart', async () => {
    const result = await sigtermUnderLoad(
      await spawnApi(dataDir, { LOG_LEVEL: 'warn', CREDENCE_SHUTDOWN_DRAIN_MS: String(DRAIN_MS) }),
      300,
    );
    expectCleanShutdown(result);
    const restarted = await spawnApi(dataDir, { LOG_LEVEL: 'warn' });
    try {
      const stored = await issuerStreams(dataDir);
      expect(result.acknowledged.filter((id) => !stored.has(`issuer-${id}`))).toEqual([]);
      const sample = result.acknowledged.at(-1)!;
      expect((await restarted.request('GET', `/v1/issuers/${sample}`, { token: ADMIN_TOKEN })).status).toBe(
        200,
      );
    } finally {
      restarted.process.kill('SIGTERM');
      expect(await restarted.exited).toBe(0);
    }
  });
});

describeKafka('SIGTERM under load with the feed relay', (kafka) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'credence-sigterm-kafka-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('checkpoints the relay on the way down, so the restarted relay publishes every event exactly once', async () => {
    const topicPrefix = uniquePrefix('sigterm');
    const env = {
      LOG_LEVEL: 'warn',
      CREDENCE_SHUTDOWN_DRAIN_MS: String(DRAIN_MS),
      KAFKA_BROKERS: kafka.brokers().join(','),
      KAFKA_TOPIC_PREFIX: topicPrefix,
      KAFKA_TOPIC_PARTITIONS: '3',
    };
    const result = await sigtermUnderLoad(await spawnApi(dataDir, env), 200);
    expectCleanShutdown(result);
    const restarted = await spawnApi(dataDir, env);
    try {
      await eventually('the relay to catch up after the restart', async () => {
        const { body } = await restarted.request('GET', '/health');
        return body.feed?.state === 'up' && body.feed.checkpoint === body.eventStore.head;
      });
      const stored = await issuerStreams(dataDir);
      expect(result.acknowledged.filter((id) => !stored.has(`issuer-${id}`))).toEqual([]);
      const ids = (await readTopic(kafka.brokers(), feedTopics(topicPrefix).ledger)).map(
        (m) => m.headers[HEADERS.eventId],
      );
      const { body } = await restarted.request('GET', '/health');
      expect(ids).toHaveLength(Number(body.eventStore.head));
      expect(new Set(ids).size).toBe(ids.length);
      const families = parseScrape(
        (await restarted.request('GET', '/metrics', { token: ADMIN_TOKEN })).body as string,
      );
      expect(samples(families, 'credence_feed_relay_up').map((m) => Number(m.value))).toEqual([1]);
      expect(samples(families, 'credence_feed_relay_lag_events').map((m) => Number(m.value))).toEqual([0]);
    } finally {
      restarted.process.kill('SIGTERM');
      expect(await restarted.exited).toBe(0);
    }
  });
});
