import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Append } from '../../workload/credential-events';

/** The part of @event-driven-io/emmett-sqlite the benchmark uses (it lives outside the repo's tree). */
type EmmettStore = {
  appendToStream: (
    stream: string,
    events: { type: string; data: unknown; metadata?: unknown }[],
  ) => Promise<unknown>;
};
type EmmettSqlite = {
  getSQLiteEventStore: (options: {
    fileName: string;
    schema?: { autoMigration?: 'None' | 'CreateOrUpdate' };
  }) => EmmettStore;
  sqliteConnection: (options: { fileName: string }) => {
    querySingle: <T>(sql: string) => Promise<T | null>;
    close: () => void;
  };
};

export const EMMETT_DIR = join(__dirname, '..', '..', 'peers', 'emmett');

export type EmmettPeer = Readonly<{ version: string; module: EmmettSqlite }>;

/** The installed peer, or the reason it cannot be used here. */
export const loadEmmett = (): EmmettPeer | { unavailable: string } => {
  try {
    const require = createRequire(join(EMMETT_DIR, 'package.json'));
    const module = require('@event-driven-io/emmett-sqlite') as EmmettSqlite;
    const manifest = join(EMMETT_DIR, 'node_modules', '@event-driven-io', 'emmett-sqlite', 'package.json');
    const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
    return { version, module };
  } catch (error) {
    return {
      unavailable: `not installed (run \`npm --prefix bench/peers/emmett ci\`): ${(error as Error).message.split('\n')[0]}`,
    };
  }
};

/**
 * Emmett's SQLite store keeps one connection per store object, shares it between calls in flight
 * and closes it when any call ends; its transaction nesting counter is per connection too. So
 * concurrent appends on one object interleave in one transaction or find the connection closed,
 * and separate objects (one connection each) fail with SQLITE_BUSY past the 1 s busy timeout
 * (tried: 64 objects, 64 writers: every append failed). The way that works is to queue the writers'
 * appends and hand them to one store object one at a time; that is what this does.
 */
export const emmettWriters = async (peer: EmmettPeer, fileName: string) => {
  const store = peer.module.getSQLiteEventStore({ fileName, schema: { autoMigration: 'CreateOrUpdate' } });
  await store.appendToStream('bench-schema', [{ type: 'SchemaCreated', data: {} }]);
  const probe = peer.module.sqliteConnection({ fileName });
  const synchronous = await probe.querySingle<{ synchronous: number }>('PRAGMA synchronous');
  const journal = await probe.querySingle<{ journal_mode: string }>('PRAGMA journal_mode');
  probe.close();
  let tail: Promise<unknown> = Promise.resolve();
  const append = ({ streamId, events }: Append) => {
    const run = () =>
      store.appendToStream(
        streamId,
        events.map((e) => ({ type: e.type, data: e.data, metadata: e.metadata })),
      );
    const result = tail.then(run, run);
    tail = result.catch(() => undefined);
    return result;
  };
  return { append, synchronous: synchronous?.synchronous, journalMode: journal?.journal_mode };
};
