/**
 * The writer the crash-safety test kills: appends to a few streams at once, through the real
 * adapter, and prints one JSON line per append only after `append` has resolved (i.e. committed).
 * Usage: node --import ./scripts/register-ts.mjs test/support/sqlite-crash-writer.ts <db-file> [tree] [wal] [thread]
 * With `tree`, the store keeps the transparency log's tree in its append transactions. With `wal`,
 * a worker thread checkpoints from the first commit and restarts the WAL every few pages, so kills
 * land in the middle of background checkpoints and restarts. With `thread`, the appends are
 * written by the store's writer thread (an acknowledgement still follows that thread's COMMIT).
 */
import { randomUUID } from 'node:crypto';
import { metadataFor } from '@credence/event-store/testing';
import { SqliteEventStore } from '@credence/event-store/sqlite';
import { EMBEDDED_TREE_HOOK, embeddedTreeHook } from '@credence/transparency';

export type CrashAck = Readonly<{
  streamId: string;
  eventIds: string[];
  versions: number[];
  positions: string[];
}>;

const WRITERS = 6;

const writeStream = async (store: SqliteEventStore, streamId: string): Promise<never> => {
  // Exact expected versions: a lost or doubled commit would surface as a ConcurrencyError and exit.
  let version = (await store.readStream(streamId)).length - 1;
  for (let n = 0; ; n++) {
    const events = Array.from({ length: 1 + (n % 3) }, () => ({
      eventId: randomUUID(),
      type: 'CrashTested',
      schemaVersion: 1,
      data: { n, pad: 'x'.repeat(32) },
      metadata: metadataFor(),
    }));
    const result = await store.append(streamId, events, {
      expectedVersion: version < 0 ? 'no_stream' : version,
    });
    version = result.nextExpectedVersion;
    const ack: CrashAck = {
      streamId,
      eventIds: result.events.map((e) => e.eventId),
      versions: result.events.map((e) => e.streamVersion),
      positions: result.events.map((e) => e.globalPosition),
    };
    process.stdout.write(`${JSON.stringify(ack)}\n`);
  }
};

const path = process.argv[2];
if (!path) throw new Error('usage: sqlite-crash-writer.ts <db-file>');
const modes = process.argv.slice(3);
const writerThread = modes.includes('thread');
const treeHook = writerThread ? EMBEDDED_TREE_HOOK : embeddedTreeHook();
const store = SqliteEventStore.open({
  path,
  writerThread,
  commitHook: modes.includes('tree') ? treeHook : undefined,
  wal: modes.includes('wal')
    ? { backgroundAfterCommits: 0, checkpointEveryMs: 1, restartAtBytes: 16 * 1024 }
    : undefined,
});
Promise.all(Array.from({ length: WRITERS }, (_, i) => writeStream(store, `crash-${i}`))).catch(
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
