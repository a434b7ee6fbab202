import { resolve } from 'node:path';
import { ISSUER_ID_FORMS, type IssuerIdForm } from '@credence/credentials';
import { ConfigError, eventStoreSettingsFromEnv, oneOf, readEnv } from '@credence/config';
import { relaySettingsFromEnv, type RelaySettings } from '@credence/feed';
import { type LogSettings, logSettingsFromEnv } from '@credence/runtime';
import { isClusterFollower } from './cluster/workers';
import { type SecuritySettings, securitySettingsFromEnv } from './security/security-settings';

/** An abstract class so it doubles as the DI token. */
export abstract class LedgerConfig {
  declare readonly port: number;
  declare readonly host: string;
  declare readonly dataDir: string;
  declare readonly rulesDir: string;
  declare readonly eventStore: 'sqlite' | 'eventstoredb';
  declare readonly esdbConnectionString?: string;
  /** CREDENCE_SQLITE_WRITER: the embedded store's appends written on a thread of their own, or on the event loop. */
  declare readonly sqliteWriter: 'thread' | 'inline';
  declare readonly databaseUrl?: string;
  declare readonly adminToken?: string;
  declare readonly defaultRuleset: string;
  declare readonly projector: 'embedded' | 'off';
  /** CREDENCE_WORKERS: processes serving the port (node:cluster, see cluster/workers.ts); 1 = this one alone. */
  declare readonly workers: number;
  /**
   * Whether this process runs the deployment's one-of-a-kind background work (the reactor, the
   * checkpoint signer, resuming batches; with it the embedded projector, relay and metrics
   * listener). False only in a cluster's followers, whose settings then turn those off.
   */
  declare readonly background: boolean;
  /** The transparency log: checkpoint origin (= key name), key seed, signing cadence. */
  declare readonly transparencyLog: { origin: string; seed?: string; checkpointIntervalMs: number };
  /** Set when KAFKA_BROKERS is: ledger-api then also runs the feed relay. */
  declare readonly feed?: RelaySettings & { topicPrefix: string };
  declare readonly log: LogSettings;
  /** Set when METRICS_PORT is: a second, unauthenticated listener for Prometheus. */
  declare readonly metrics?: Readonly<{ port: number; host: string }>;
  /** A projection further behind than this makes /health/ready answer 503. */
  declare readonly readyMaxLag: number;
  declare readonly shutdownDrainMs: number;
  /** Body limit, idempotency retention, CORS and rate limits: see security/. */
  declare readonly security: SecuritySettings;
  /**
   * Verifiable credentials: the public base URL ids derive from, the key-encryption key (unset = a
   * file in the data dir), and how long verifiers may cache a status list.
   */
  declare readonly credentials: Readonly<{
    publicUrl: string;
    keyEncryptionKey?: string;
    statusListTtlSeconds: number;
    issuerIdForm: IssuerIdForm;
  }>;
}

const nonNegativeInt = (name: string, env: NodeJS.ProcessEnv, max = Number.MAX_SAFE_INTEGER): number => {
  const raw = readEnv(name, env);
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > max)
    throw new ConfigError(`${name} must be a whole number from 0 to ${max}; got ${JSON.stringify(raw)}`);
  return value;
};

const MAX_WORKERS = 16;

export const loadLedgerConfig = (env: NodeJS.ProcessEnv = process.env): LedgerConfig => {
  const port = Number(readEnv('PORT', env));
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new ConfigError(`PORT must be a port number`);
  const { kind: eventStore, dataDir, esdbConnectionString } = eventStoreSettingsFromEnv(env);
  const adminToken = readEnv('CREDENCE_ADMIN_TOKEN', env);
  // 32 characters of a random base64url token carry 192 bits; anything shorter is guessable in principle.
  if (adminToken !== undefined && adminToken.length < 32)
    throw new ConfigError('CREDENCE_ADMIN_TOKEN must be at least 32 characters');
  const relay = relaySettingsFromEnv(env);
  const workers = nonNegativeInt('CREDENCE_WORKERS', env, MAX_WORKERS);
  if (workers < 1) throw new ConfigError(`CREDENCE_WORKERS must be from 1 to ${MAX_WORKERS}`);
  if (workers > 1 && eventStore !== 'sqlite') {
    // On EventStoreDB the tree is a projection each process follows in memory: followers would serve stale proofs.
    throw new ConfigError('CREDENCE_WORKERS above 1 needs the embedded store (CREDENCE_EVENT_STORE=sqlite)');
  }
  const background = !isClusterFollower();
  const checkpointIntervalMs = Number(readEnv('CREDENCE_CHECKPOINT_INTERVAL_MS', env));
  if (!Number.isInteger(checkpointIntervalMs) || checkpointIntervalMs < 10) {
    throw new ConfigError('CREDENCE_CHECKPOINT_INTERVAL_MS must be an integer of at least 10');
  }
  return {
    port,
    host: readEnv('HOST', env) ?? '0.0.0.0',
    dataDir,
    rulesDir: resolve(readEnv('CREDENCE_RULES_DIR', env) ?? './rules'),
    eventStore,
    esdbConnectionString,
    sqliteWriter: oneOf('CREDENCE_SQLITE_WRITER', readEnv('CREDENCE_SQLITE_WRITER', env), [
      'thread',
      'inline',
    ]),
    databaseUrl: readEnv('DATABASE_URL', env),
    adminToken,
    defaultRuleset: readEnv('CREDENCE_DEFAULT_RULESET', env) ?? 'eu-microcredentials@2022-r2',
    projector: background
      ? oneOf('CREDENCE_PROJECTOR', readEnv('CREDENCE_PROJECTOR', env), ['embedded', 'off'])
      : 'off',
    workers,
    background,
    transparencyLog: {
      origin: readEnv('CREDENCE_LOG_ORIGIN', env)!,
      seed: readEnv('CREDENCE_LOG_KEY', env),
      checkpointIntervalMs,
    },
    security: securitySettingsFromEnv(env),
    credentials: {
      publicUrl: readEnv('CREDENCE_PUBLIC_URL', env)!,
      keyEncryptionKey: readEnv('CREDENCE_KEY_ENCRYPTION_KEY', env),
      issuerIdForm: oneOf(
        'CREDENCE_ISSUER_ID_FORM',
        readEnv('CREDENCE_ISSUER_ID_FORM', env),
        ISSUER_ID_FORMS,
      ),
      statusListTtlSeconds: nonNegativeInt('CREDENCE_STATUS_LIST_TTL_SECONDS', env, 86_400),
    },
    feed:
      relay && background ? { ...relay, topicPrefix: readEnv('KAFKA_TOPIC_PREFIX', env) ?? '' } : undefined,
    log: logSettingsFromEnv(env),
    metrics:
      readEnv('METRICS_PORT', env) === undefined || !background
        ? undefined
        : { port: nonNegativeInt('METRICS_PORT', env, 65535), host: readEnv('METRICS_HOST', env)! },
    readyMaxLag: nonNegativeInt('CREDENCE_READY_MAX_LAG', env),
    shutdownDrainMs: nonNegativeInt('CREDENCE_SHUTDOWN_DRAIN_MS', env),
  };
};
