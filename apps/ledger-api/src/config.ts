import { resolve } from 'node:path';
import { readEnv } from '@credence/config';
import { relaySettingsFromEnv, type RelaySettings } from '@credence/feed';
import { type SecuritySettings, securitySettingsFromEnv } from './security/security-settings';

/** An abstract class so it doubles as the DI token. */
export abstract class LedgerConfig {
  declare readonly port: number;
  declare readonly host: string;
  declare readonly dataDir: string;
  declare readonly rulesDir: string;
  declare readonly eventStore: 'sqlite' | 'eventstoredb';
  declare readonly esdbConnectionString?: string;
  declare readonly databaseUrl?: string;
  declare readonly adminToken?: string;
  declare readonly defaultRuleset: string;
  declare readonly projector: 'embedded' | 'off';
  /** Set when KAFKA_BROKERS is: ledger-api then also runs the feed relay. */
  declare readonly feed?: RelaySettings & { topicPrefix: string };
  /** Body limit, idempotency retention, CORS and rate limits: see security/. */
  declare readonly security: SecuritySettings;
}

export class ConfigError extends Error {}

const oneOf = <T extends string>(name: string, value: string | undefined, allowed: readonly T[]): T => {
  if (allowed.includes(value as T)) return value as T;
  throw new ConfigError(`${name} must be one of ${allowed.join(', ')}; got ${JSON.stringify(value)}`);
};

export const loadLedgerConfig = (env: NodeJS.ProcessEnv = process.env): LedgerConfig => {
  const port = Number(readEnv('PORT', env));
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`PORT must be a port number`);
  const eventStore = oneOf('CREDENCE_EVENT_STORE', readEnv('CREDENCE_EVENT_STORE', env), ['sqlite', 'eventstoredb']);
  const esdbConnectionString = readEnv('ESDB_CONNECTION_STRING', env);
  if (eventStore === 'eventstoredb' && !esdbConnectionString) {
    throw new ConfigError('CREDENCE_EVENT_STORE=eventstoredb needs ESDB_CONNECTION_STRING');
  }
  const adminToken = readEnv('CREDENCE_ADMIN_TOKEN', env);
  // 32 characters of a random base64url token carry 192 bits; anything shorter is guessable in principle.
  if (adminToken !== undefined && adminToken.length < 32) throw new ConfigError('CREDENCE_ADMIN_TOKEN must be at least 32 characters');
  const relay = relaySettingsFromEnv(env);
  return {
    port,
    host: readEnv('HOST', env) ?? '0.0.0.0',
    dataDir: resolve(readEnv('CREDENCE_DATA_DIR', env) ?? './data'),
    rulesDir: resolve(readEnv('CREDENCE_RULES_DIR', env) ?? './rules'),
    eventStore,
    esdbConnectionString,
    databaseUrl: readEnv('DATABASE_URL', env),
    adminToken,
    defaultRuleset: readEnv('CREDENCE_DEFAULT_RULESET', env) ?? 'eu-microcredentials@2022',
    projector: oneOf('CREDENCE_PROJECTOR', readEnv('CREDENCE_PROJECTOR', env), ['embedded', 'off']),
    security: securitySettingsFromEnv(env),
    feed: relay ? { ...relay, topicPrefix: readEnv('KAFKA_TOPIC_PREFIX', env) ?? '' } : undefined,
  };
};
