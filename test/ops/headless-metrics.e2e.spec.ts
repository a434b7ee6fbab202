import { PROJECTION_NAMES } from '@credence/projections';
import { freePort, spawnRelay } from '@credence/feed/testing/relay-process';
import { describeKafka, eventually, uniquePrefix } from '@credence/feed/testing/kafka';
import { runEntry } from '../read-models/support/child';
import { accreditedIssuer } from '../support/fixtures';
import { startLedger, type TestLedger } from '../support/ledger-app';
import { parseScrape, samples } from '../support/prometheus';

/** The JSON lines a process wrote; anything else (there should be nothing else) is returned apart. */
const logOf = (output: string) => {
  const lines = output.split('\n').filter((line) => line.trim() !== '');
  const parsed = lines.flatMap((line) => {
    try {
      return [JSON.parse(line) as Record<string, unknown>];
    } catch {
      return [];
    }
  });
  return { parsed, other: lines.filter((line) => !line.startsWith('{')) };
};

const scrapeAt = async (port: number) => {
  const response = await fetch(`http://127.0.0.1:${port}/metrics`).catch(() => undefined);
  return response?.ok ? parseScrape(await response.text()) : undefined;
};

const value = (families: ReturnType<typeof parseScrape>, name: string, labels: Record<string, string> = {}) =>
  samples(families, name, labels).map((m) => Number(m.value));

describe('apps/projector: JSON logs and /metrics on its health port', () => {
  let ledger: TestLedger;
  beforeAll(async () => {
    ledger = await startLedger({ CREDENCE_PROJECTOR: 'off' });
    await accreditedIssuer(ledger);
  });
  afterAll(() => ledger.close());

  it('reports each projection caught up, its error count and the process metrics, and logs JSON lines', async () => {
    // Given a log the API wrote with its own projector off, when apps/projector runs on it,
    const port = await freePort();
    const projector = runEntry('apps/projector/src/main.ts', [], {
      CREDENCE_DATA_DIR: ledger.dataDir,
      HEALTH_PORT: String(port),
      DATABASE_URL: '',
      LOG_LEVEL: 'info',
      LOG_FORMAT: 'json',
    });
    try {
      // then its scrape parses, and shows every projection at lag 0 once it has caught up,
      let families: ReturnType<typeof parseScrape> | undefined;
      await eventually('every projection at lag 0 on /metrics', async () => {
        families = await scrapeAt(port);
        const lags = families && samples(families, 'credence_projection_lag_events');
        return lags?.length === PROJECTION_NAMES.length && lags.every((m) => Number(m.value) === 0);
      });
      const scraped = families!;
      expect(
        samples(scraped, 'credence_projection_lag_events')
          .map((m) => m.labels?.projection)
          .sort(),
      ).toEqual([...PROJECTION_NAMES].sort());
      expect(value(scraped, 'credence_projection_lag_seconds')).toEqual(PROJECTION_NAMES.map(() => 0));
      expect(value(scraped, 'credence_projector_errors_total')).toEqual([0]);
      expect(scraped.get('process_cpu_user_seconds_total')?.type).toBe('COUNTER');
      expect(scraped.has('credence_feed_relay_lag_events')).toBe(false);
    } finally {
      projector.process.kill('SIGTERM');
      expect(await projector.exited).toBe(0);
    }
    // and everything it wrote is a JSON line naming the service, the start and the stop among them.
    const { parsed, other } = logOf(projector.output());
    expect(other).toEqual([]);
    expect(parsed.every((line) => line.service === 'projector')).toBe(true);
    expect(parsed.map((line) => line.msg)).toEqual(
      expect.arrayContaining([expect.stringContaining('projecting'), 'stopped']),
    );
  });

  it('honours LOG_LEVEL: at warn, a clean run writes nothing', async () => {
    const projector = runEntry('apps/projector/src/main.ts', [], {
      CREDENCE_DATA_DIR: ledger.dataDir,
      HEALTH_PORT: String(await freePort()),
      DATABASE_URL: '',
      LOG_LEVEL: 'warn',
    });
    await new Promise((resolve) => setTimeout(resolve, 3000));
    projector.process.kill('SIGTERM');
    expect(await projector.exited).toBe(0);
    expect(projector.output()).toBe('');
  });
});

describeKafka('apps/feed-relay: JSON logs and /metrics on its health port', (kafka) => {
  let ledger: TestLedger;
  beforeAll(async () => {
    ledger = await startLedger();
    await accreditedIssuer(ledger);
  });
  afterAll(() => ledger.close());

  it('reports relay lag 0 and up once it has published the log, and no Kafka error it did not log', async () => {
    const relay = await spawnRelay({
      dataDir: ledger.dataDir,
      brokers: kafka.brokers(),
      topicPrefix: uniquePrefix('relay-metrics'),
      batchSize: 100,
    });
    let families: ReturnType<typeof parseScrape> | undefined;
    try {
      await eventually('the relay caught up on /metrics', async () => {
        const text = await relay.metrics();
        families = text === undefined ? undefined : parseScrape(text);
        return families !== undefined && value(families, 'credence_feed_relay_lag_events')[0] === 0;
      });
      expect(value(families!, 'credence_feed_relay_up')).toEqual([1]);
      expect(families!.has('process_resident_memory_bytes')).toBe(true);
    } finally {
      relay.child.kill('SIGTERM');
      await relay.exited;
    }
    // kafkajs makes Node print a TimeoutNegativeWarning on stderr under Node 24: not ours to format.
    const { parsed } = logOf(relay.output());
    expect(relay.output()).not.toMatch(/^feed-relay: /m);
    expect(parsed.every((line) => line.service === 'feed-relay')).toBe(true);
    expect(parsed.map((line) => line.msg)).toEqual(
      expect.arrayContaining([expect.stringContaining('publishing to'), 'stopped']),
    );
    // On a healthy broker the count is 0, except that a loaded machine can make Kafka miss the
    // 3 s connection timeout (once in CI at load 9): a real outage, which the relay logs.
    const [kafkaErrors] = value(families!, 'credence_feed_kafka_errors_total');
    const outagesLogged = parsed.filter((line) => String(line.msg).includes('Kafka unavailable')).length;
    expect(kafkaErrors === 0 || outagesLogged > 0).toBe(true);
  });

  it('counts Kafka errors and reports the relay down while no broker answers', async () => {
    const relay = await spawnRelay({
      dataDir: ledger.dataDir,
      brokers: [`127.0.0.1:${await freePort()}`],
      topicPrefix: uniquePrefix('relay-metrics-down'),
      batchSize: 100,
    });
    try {
      let families: ReturnType<typeof parseScrape> | undefined;
      await eventually('a Kafka error counted on /metrics', async () => {
        const text = await relay.metrics();
        families = text === undefined ? undefined : parseScrape(text);
        return families !== undefined && (value(families, 'credence_feed_kafka_errors_total')[0] ?? 0) > 0;
      });
      expect(value(families!, 'credence_feed_relay_up')).toEqual([0]);
      expect(value(families!, 'credence_feed_relay_lag_events')[0]).toBeGreaterThan(0);
    } finally {
      relay.child.kill('SIGTERM');
      await relay.exited;
    }
  });
});
