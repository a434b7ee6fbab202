import { readEnv } from '@credence/config';
import type { TopicLayout } from '../topics';

export type RelaySettings = Readonly<{ brokers: string[]; layout: TopicLayout }>;

const positiveInt = (name: string, env: NodeJS.ProcessEnv): number => {
  const raw = readEnv(name, env);
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${name} must be a positive integer, got ${JSON.stringify(raw)}`);
  return value;
};

export const parseBrokers = (value: string | undefined): string[] =>
  (value ?? '')
    .split(',')
    .map((b) => b.trim())
    .filter((b) => b.length > 0);

/** The relay's settings from the declared environment variables; null when KAFKA_BROKERS is unset. */
export const relaySettingsFromEnv = (env: NodeJS.ProcessEnv = process.env): RelaySettings | null => {
  const brokers = parseBrokers(readEnv('KAFKA_BROKERS', env));
  if (brokers.length === 0) return null;
  return {
    brokers,
    layout: {
      partitions: positiveInt('KAFKA_TOPIC_PARTITIONS', env),
      replicationFactor: positiveInt('KAFKA_REPLICATION_FACTOR', env),
    },
  };
};
