import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { parseBrokers } from '../relay/settings';
import { consumeTopic } from '../tail/consume';
import type { ConsumedMessage } from '../tail/tail-message';

export type KafkaForTests = Readonly<{ brokers: () => string[] }>;

const containerRuntimeLikely = (): boolean =>
  Boolean(process.env.DOCKER_HOST) ||
  existsSync('/var/run/docker.sock') ||
  existsSync(`${process.env.HOME}/.docker/run/docker.sock`);

/**
 * A describe block with a real broker: KAFKA_BROKERS (scripts/kafka-local.sh, .ci/run), else a
 * Testcontainers Kafka where a container runtime exists, else skipped with one line saying why.
 */
export const describeKafka = (title: string, body: (kafka: KafkaForTests) => void): void => {
  const given = parseBrokers(process.env.KAFKA_BROKERS);
  if (given.length > 0) return describe(title, () => body({ brokers: () => given }));
  if (!containerRuntimeLikely()) {
    console.warn(
      `[skip] ${title}: KAFKA_BROKERS is not set and there is no container runtime (run: bash scripts/kafka-local.sh start; export KAFKA_BROKERS=127.0.0.1:9092)`,
    );
    return describe.skip(title, () => body({ brokers: () => [] }));
  }
  describe(title, () => {
    let brokers: string[] = [];
    let stop: (() => Promise<unknown>) | undefined;
    beforeAll(async () => {
      const { KafkaContainer } = await import('@testcontainers/kafka');
      const container = await new KafkaContainer('confluentinc/cp-kafka:7.9.0').withKraft().start();
      stop = () => container.stop();
      brokers = [`${container.getHost()}:${container.getMappedPort(9093)}`];
    }, 240_000);
    afterAll(async () => stop?.());
    body({ brokers: () => brokers });
  });
};

/** Topic names of their own per test, so runs and parallel engineers never share a topic. */
export const uniquePrefix = (label: string): string => `test.${label}.${randomUUID().slice(0, 8)}.`;

/** Everything in a topic right now, in partition order. */
export const readTopic = async (brokers: readonly string[], topic: string): Promise<ConsumedMessage[]> => {
  const messages: ConsumedMessage[] = [];
  await consumeTopic({
    brokers,
    topic,
    untilEnd: true,
    onMessage: (message) => {
      messages.push(message);
      return 'next';
    },
  });
  return messages;
};

/** Polls until `check` holds; the failure names what was awaited. */
export const eventually = async (
  what: string,
  check: () => Promise<boolean> | boolean,
  timeoutMs = 60_000,
): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};
