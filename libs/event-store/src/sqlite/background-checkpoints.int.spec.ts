import { statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { newEvent, tempDir } from '../testing';
import { SqliteEventStore } from './sqlite-event-store';

const dir = tempDir('sqlite-wal');
afterAll(() => dir.remove());

const MIB = 1024 * 1024;
const WRITERS = 64;
/** Each event carries this much data: 8,000 of them write over 32 MiB to the WAL. */
const PAD = 'x'.repeat(4096);
const EVENTS = 8_000;
const RESTART_AT_BYTES = MIB;
/** What the writer may commit past the restart bound before the worker's next tick catches it. */
const BOUND_BYTES = 8 * MIB;

const walBytes = (path: string): number => {
  try {
    return statSync(`${path}-wal`).size;
  } catch {
    return 0;
  }
};

describe.each([
  ['on its own connection', false],
  // There, the checkpointer's pauses for a WAL restart are the writer thread's own.
  ['from a writer thread', true],
])('SqliteEventStore writing %s: background checkpoints', (_, writerThread) => {
  it(`keeps the WAL under ${BOUND_BYTES / MIB} MiB while ${WRITERS} writers append over 32 MiB`, async () => {
    // Given a store that checkpoints from a worker from its first commit, restarting the WAL past 1 MiB
    const path = dir.nextFile();
    const store = SqliteEventStore.open({
      path,
      wal: { backgroundAfterCommits: 0, restartAtBytes: RESTART_AT_BYTES },
      writerThread,
    });

    // When 64 writers append 8,000 padded events, the WAL's size read after every append
    let peak = 0;
    let left = EVENTS;
    const writer = async (n: number) => {
      while (left-- > 0) {
        await store.append(`wal-${n % 16}`, [{ ...newEvent(), data: { pad: PAD } }]);
        peak = Math.max(peak, walBytes(path));
      }
    };
    await Promise.all(Array.from({ length: WRITERS }, (_, n) => writer(n)));
    await store.close();

    // Then the file never passed the bound, and every event is in the checkpointed database
    expect(peak).toBeLessThan(BOUND_BYTES);
    expect(peak).toBeGreaterThan(0);
    const db = new Database(path, { readonly: true });
    const count = db.prepare('SELECT count(*) AS n FROM events').get() as { n: number };
    const integrity = db.pragma('integrity_check', { simple: true });
    db.close();
    expect([count.n, integrity]).toEqual([EVENTS, 'ok']);
  }, 60_000);

  it('closes, with every append answered, however a WAL restart and the close cross', async () => {
    // Given stores whose worker asks for a restart at nearly every tick
    for (let round = 0; round < 8; round++) {
      const path = dir.nextFile();
      const wal = { backgroundAfterCommits: 0, checkpointEveryMs: 1, restartAtBytes: 16 * 1024 };
      const store = SqliteEventStore.open({ path, wal, writerThread });

      // When each is closed right after a load, while a pause for a restart may be on its way
      const appends = Array.from({ length: 400 }, (_, n) => store.append(`cross-${n % 8}`, [newEvent()]));
      await Promise.all(appends);
      await store.close();

      // Then the close returned (a hang fails on the test's timeout) and every append is stored
      const reopened = SqliteEventStore.open({ path });
      expect(await reopened.readAll()).toHaveLength(400);
      await reopened.close();
    }
  }, 30_000);
});
