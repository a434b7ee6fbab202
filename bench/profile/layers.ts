/** A profile node's frame, as V8 writes it. */
export type Frame = Readonly<{ functionName: string; url: string; lineNumber: number }>;

export const IDLE = 'idle';
export const OTHER = 'other';

type Layer = Readonly<{
  name: string;
  /** The row's text in bench/README.md (the 2026-12-06 11:00 table's layers). */
  title: string;
  /** Whether this frame is the layer's. Shared helpers (native calls, JSON, crypto, canonicalize)
   * belong to none, so they count for the caller that does. */
  owns: (frame: Frame) => boolean;
}>;

const inFile = (pattern: RegExp) => (frame: Frame) => pattern.test(frame.url);
const named = (file: RegExp, names: RegExp) => (frame: Frame) =>
  file.test(frame.url) && names.test(frame.functionName);

const SQLITE_STORE = /libs\/event-store\/src\/sqlite\/sqlite-event-store\.ts$/;
const GROUP_COMMIT = /libs\/event-store\/src\/sqlite\/group-commit\.ts$/;

/**
 * In the order they are tried on a frame; the first that owns it wins, and a sample goes to the
 * innermost frame some layer owns. Paths are matched as the register-ts loader reports them
 * (file URLs of the checkout's TypeScript).
 */
export const LAYERS: readonly Layer[] = [
  { name: IDLE, title: 'idle', owns: (f) => f.functionName === '(idle)' },
  { name: 'gc', title: 'gc', owns: (f) => f.functionName === '(garbage collector)' },
  {
    name: 'commit',
    title: 'SQLite COMMIT of the event store (group commit)',
    owns: named(GROUP_COMMIT, /^commit$/),
  },
  {
    name: 'reads',
    title: 'stream reads (readStream: cache misses, target and precondition reads)',
    owns: named(SQLITE_STORE, /^readStream$/),
  },
  {
    name: 'marks',
    title: 'change marks (PRAGMA data_version, stream marks)',
    owns: (f) =>
      named(SQLITE_STORE, /^(changeMark|unchangedSince|markOfAppend)$/)(f) ||
      inFile(/libs\/event-store\/src\/sqlite\/stream-changes\.ts$|libs\/sqlite\/src\/change-counter\.ts$/)(f),
  },
  {
    name: 'append',
    title: 'append work (inserts, heads, retry lookup, canonical JSON, chain hash, transparency tree)',
    owns: (f) =>
      named(SQLITE_STORE, /^append$/)(f) ||
      inFile(
        /libs\/event-store\/src\/(sqlite\/(apply-append|group-commit)|chain|envelope)\.ts$|libs\/transparency\//,
      )(f),
  },
  {
    name: 'projector',
    title: 'embedded projector (its thread: the main thread only wakes it)',
    owns: inFile(/apps\/ledger-api\/src\/read-models\/projector|libs\/projections\//),
  },
  {
    name: 'reactors',
    title: 'reactors (annulment cascade, stack invalidation, recovery) and their log reads',
    owns: (f) =>
      named(SQLITE_STORE, /^(readAfter|readAll|subscribe)$/)(f) ||
      inFile(/libs\/ledger\/src\/(reactor|reactions\/)|libs\/event-store\/src\/sqlite\/subscription\.ts$/)(f),
  },
  {
    name: 'rules',
    title: 'rules (CEL, facts, gate, active ruleset)',
    owns: inFile(
      /libs\/rules\/|libs\/ledger\/src\/(rules-gate|active-ruleset|published-rulesets)|node_modules\/@marcbachmann\/cel-js|node_modules\/cel-js/,
    ),
  },
  {
    name: 'cache',
    title: 'cache lookups (LruMap)',
    owns: inFile(/libs\/runtime\/src\/lru-map\.ts$|libs\/ledger\/src\/state-cache\.ts$/),
  },
  {
    name: 'decide',
    title: 'deciders, folds, handleCommand, issuance steps',
    owns: inFile(/libs\/event-store\/src\/handle-command\.ts$|libs\/ledger\/src\/|libs\/domain\//),
  },
  {
    name: 'idempotency',
    title: 'idempotency store and interceptor',
    owns: inFile(/apps\/ledger-api\/src\/http\/idempotency/),
  },
  {
    name: 'validation',
    title: 'DTO validation',
    owns: inFile(
      /apps\/ledger-api\/src\/http\/(validation|json-body|field-errors|query-instance)|node_modules\/(class-validator|class-transformer|ajv|validator)\//,
    ),
  },
  { name: 'auth', title: 'auth guard', owns: inFile(/apps\/ledger-api\/src\/auth\//) },
  {
    name: 'framework',
    title: 'framework: Fastify, Nest, rxjs, node http, pino, metrics, helmet',
    owns: (f) =>
      /node_modules\/(fastify|@fastify|@nestjs|rxjs|pino|nestjs-pino|pino-http|helmet|prom-client|find-my-way|avvio|light-my-request|middie|@fastify\/middie|fast-json-stringify|secure-json-parse|reflect-metadata)\//.test(
        f.url,
      ) ||
      /^node:(_http|http|net|stream|internal\/(http|streams|stream_base|net|timers|async_hooks))/.test(
        f.url,
      ) ||
      /apps\/ledger-api\/src\/(observability|security|http|resources|credentials|bootstrap)/.test(f.url),
  },
];

/** The layer that owns this frame, if any. */
export const layerOf = (frame: Frame): string | undefined => LAYERS.find((layer) => layer.owns(frame))?.name;
