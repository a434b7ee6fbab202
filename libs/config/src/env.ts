/**
 * Every environment variable Credence reads, in one table: the README's configuration table and
 * the docker/compose.yaml consistency test are checked against it.
 */
export type AppName = 'ledger-api' | 'projector' | 'feed-relay' | 'cli';

export type EnvVar = Readonly<{
  name: string;
  default?: string;
  description: string;
  apps: readonly AppName[];
}>;

const ALL: readonly AppName[] = ['ledger-api', 'projector', 'feed-relay', 'cli'];

export const ENV_VARS: readonly EnvVar[] = [
  { name: 'PORT', default: '3000', description: 'HTTP port of ledger-api', apps: ['ledger-api'] },
  { name: 'HOST', default: '0.0.0.0', description: 'Interface ledger-api listens on', apps: ['ledger-api'] },
  {
    name: 'HEALTH_PORT',
    default: '3001',
    description:
      "Port of the projector's and the feed relay's `/health` and `/metrics` (unauthenticated: keep it private)",
    apps: ['projector', 'feed-relay'],
  },
  {
    name: 'CREDENCE_DATA_DIR',
    default: './data',
    description: 'Directory of the embedded SQLite databases',
    apps: ALL,
  },
  {
    name: 'CREDENCE_EVENT_STORE',
    default: 'sqlite',
    description: '`sqlite` (embedded) or `eventstoredb`',
    apps: ALL,
  },
  {
    name: 'ESDB_CONNECTION_STRING',
    description: 'EventStoreDB connection string, with CREDENCE_EVENT_STORE=eventstoredb',
    apps: ALL,
  },
  {
    name: 'DATABASE_URL',
    description: 'PostgreSQL URL for read models; unset = embedded SQLite',
    apps: ['ledger-api', 'projector', 'cli'],
  },
  {
    name: 'CREDENCE_ADMIN_TOKEN',
    description:
      'Bootstrap admin token, at least 32 characters; unset on first start = generated and printed once',
    apps: ['ledger-api'],
  },
  {
    name: 'CREDENCE_DEFAULT_RULESET',
    default: 'eu-microcredentials@2022-r2',
    description: 'Ruleset activated on a new ledger (`id@version`)',
    apps: ['ledger-api'],
  },
  {
    name: 'CREDENCE_RULES_DIR',
    default: './rules',
    description: 'Directory of ruleset YAML files',
    apps: ['ledger-api', 'cli'],
  },
  {
    name: 'CREDENCE_PROJECTOR',
    default: 'embedded',
    description: '`embedded` runs projections inside ledger-api; `off` leaves them to apps/projector',
    apps: ['ledger-api'],
  },
  {
    name: 'CREDENCE_SQLITE_WRITER',
    default: 'inline',
    description:
      "Where the embedded store's appends are written: `thread` runs group commit, hash chain, Merkle tree and COMMIT on a worker thread of their own, off the API's event loop; `inline` on it",
    apps: ['ledger-api'],
  },
  {
    name: 'CREDENCE_WORKERS',
    default: '1',
    description:
      'Processes serving the API port (node:cluster) on one embedded store: the first runs the projector, reactor, relay and signer, the rest only serve requests. See docs/operations.md for when more than 1 pays',
    apps: ['ledger-api'],
  },
  {
    name: 'KAFKA_BROKERS',
    description: 'Comma-separated Kafka bootstrap servers; when set, ledger-api also runs the feed relay',
    apps: ['ledger-api', 'feed-relay', 'cli'],
  },
  {
    name: 'KAFKA_TOPIC_PARTITIONS',
    default: '6',
    description: 'Partitions for topics the relay creates',
    apps: ['ledger-api', 'feed-relay'],
  },
  {
    name: 'KAFKA_TOPIC_PREFIX',
    default: '',
    description: 'Prefix for the feed topic names (shared clusters, test runs)',
    apps: ['ledger-api', 'feed-relay'],
  },
  {
    name: 'KAFKA_REPLICATION_FACTOR',
    default: '1',
    description: 'Replication factor for topics the relay creates',
    apps: ['ledger-api', 'feed-relay'],
  },
  {
    name: 'LOG_LEVEL',
    default: 'info',
    description: '`fatal`, `error`, `warn`, `info`, `debug`, `trace` or `silent`',
    apps: ALL,
  },
  {
    name: 'LOG_FORMAT',
    default: 'json',
    description: '`json` (one JSON object a line) or `pretty` (pino-pretty, for a terminal)',
    apps: ['ledger-api', 'projector', 'feed-relay'],
  },
  {
    name: 'METRICS_PORT',
    description:
      'Serve `/metrics` unauthenticated on this port as well; unset = only on the API port, to admin and metrics principals',
    apps: ['ledger-api'],
  },
  {
    name: 'METRICS_HOST',
    default: '127.0.0.1',
    description: 'Interface the METRICS_PORT server binds (keep it private)',
    apps: ['ledger-api'],
  },
  {
    name: 'CREDENCE_READY_MAX_LAG',
    default: '1000',
    description: 'Events a projection may lag behind the log before `/health/ready` answers 503',
    apps: ['ledger-api'],
  },
  {
    name: 'CREDENCE_SHUTDOWN_DRAIN_MS',
    default: '10000',
    description: 'On SIGTERM, how long in-flight requests may take before their connections are cut',
    apps: ['ledger-api'],
  },
  {
    name: 'CREDENCE_LOG_KEY',
    description:
      'Ed25519 seed (64 hex digits or base64) of the transparency log key; unset on first start = generated into `<data dir>/log-key`',
    apps: ['ledger-api'],
  },
  {
    name: 'CREDENCE_LOG_ORIGIN',
    default: 'credence.localhost/log',
    description: 'Origin line of signed checkpoints and the name of the log key',
    apps: ['ledger-api'],
  },
  {
    name: 'CREDENCE_CHECKPOINT_INTERVAL_MS',
    default: '1000',
    description: 'Shortest time between two signed checkpoints while events arrive',
    apps: ['ledger-api'],
  },
  {
    name: 'CREDENCE_BODY_LIMIT',
    default: '1048576',
    description: 'Largest JSON request body in bytes; larger gets 413',
    apps: ['ledger-api'],
  },
  {
    name: 'CREDENCE_IDEMPOTENCY_TTL_HOURS',
    default: '24',
    description: 'Hours an `Idempotency-Key` answer is kept for replay, then purged',
    apps: ['ledger-api'],
  },
  {
    name: 'CREDENCE_CORS_ORIGINS',
    description: 'Comma-separated origins allowed by CORS; unset = CORS off',
    apps: ['ledger-api'],
  },
  {
    name: 'CREDENCE_AUTH_FAILURE_LIMIT',
    default: '50',
    description: 'Failed authentications per client address per window before 429',
    apps: ['ledger-api'],
  },
  {
    name: 'CREDENCE_PUBLIC_RATE_LIMIT',
    default: '300',
    description: 'Requests per client address per window on each public (unauthenticated) route',
    apps: ['ledger-api'],
  },
  {
    name: 'CREDENCE_REFUSAL_LIMIT',
    default: '60',
    description:
      'Commands refused by the rules (each recorded as QualityCheckFailed) per principal per window before 429',
    apps: ['ledger-api'],
  },
  {
    name: 'CREDENCE_RATE_LIMIT_WINDOW_SECONDS',
    default: '60',
    description: 'Window of the rate limits, in seconds',
    apps: ['ledger-api'],
  },
  {
    name: 'CREDENCE_PUBLIC_URL',
    default: 'http://127.0.0.1:3000',
    description:
      'Public base URL of ledger-api: issuer profile URLs (the OB 3.0 issuer ids) and key URLs derive from it',
    apps: ['ledger-api'],
  },
  {
    name: 'CREDENCE_ISSUER_ID_FORM',
    default: 'url',
    description:
      'OB 3.0 issuer id form: `url` (the profile URL), `did-web` (did:web under the public host, `/issuers/{id}/did.json`; verifiers need https) or `did-key` (one did:key per issuer; rotation changes the id)',
    apps: ['ledger-api'],
  },
  {
    name: 'CREDENCE_KEY_ENCRYPTION_KEY',
    description:
      '32 bytes in base64 sealing issuer private keys (AES-256-GCM); unset on first start = generated into `<data dir>/key-encryption.key` (mode 0600)',
    apps: ['ledger-api'],
  },
  {
    name: 'CREDENCE_STATUS_LIST_TTL_SECONDS',
    default: '300',
    description:
      "How long verifiers may cache a status list: `Cache-Control: max-age` of `/status-lists/...` and the list credential's `ttl`",
    apps: ['ledger-api'],
  },
];

export const envVar = (name: string): EnvVar => {
  const found = ENV_VARS.find((v) => v.name === name);
  if (!found) throw new Error(`Undeclared environment variable ${name}: add it to ENV_VARS`);
  return found;
};

/** Reads a declared variable, falling back to its documented default. */
export const readEnv = (name: string, env: NodeJS.ProcessEnv = process.env): string | undefined => {
  const value = env[name];
  return value === undefined || value === '' ? envVar(name).default : value;
};
