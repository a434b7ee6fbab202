import Database from 'better-sqlite3';
import { verifyChain } from '../chain';
import { ConcurrencyError, DuplicateEventError, EventStoreError, InvalidPositionError } from '../errors';
import { newEvent, newEvents, rejectionOf, tempDir } from '../testing';
import { SCHEMA_VERSION } from './schema';
import { SqliteEventStore } from './sqlite-event-store';

const dir = tempDir('sqlite-storage');
afterAll(() => dir.remove());

const positionsIn = (path: string): number[] => {
  const db = new Database(path, { readonly: true });
  try {
    return db
      .prepare('SELECT global_position FROM events ORDER BY global_position')
      .pluck()
      .all() as number[];
  } finally {
    db.close();
  }
};

const oneTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe('SqliteEventStore storage', () => {
  it('keeps global positions gapless across refused appends, rolled-back transactions and reopen', async () => {
    const path = dir.nextFile();
    let store = SqliteEventStore.open({ path });
    const first = await store.append('gap-a', newEvents(2));

    // Refused after its first event was inserted: the savepoint rollback must free that rowid.
    const clash = [newEvent(), first.events[0]];
    await expect(store.append('gap-b', clash)).rejects.toBeInstanceOf(DuplicateEventError);
    await store.append('gap-b', newEvents(1));

    // Another connection inserts and rolls back: without AUTOINCREMENT its rowid is reused.
    const other = new Database(path);
    other.exec(`BEGIN IMMEDIATE;
      INSERT INTO events (event_id, stream_id, stream_version, type, schema_version, data, metadata, hash)
      VALUES ('rolled-back', 'gap-c', 0, 'T', 1, '{}', '{}', 'x');
      ROLLBACK;`);
    other.close();
    await store.append('gap-c', newEvents(2));

    await store.close();
    store = SqliteEventStore.open({ path });
    await store.append('gap-a', newEvents(1));
    const all = await store.readAll();
    await store.close();

    expect(positionsIn(path)).toEqual(oneTo(6));
    expect(all.map((e) => e.globalPosition)).toEqual(oneTo(6).map(String));
  });

  it('runs every connection in WAL with synchronous=FULL, also after reopen', async () => {
    const path = dir.nextFile();
    for (let open = 0; open < 2; open++) {
      const store = SqliteEventStore.open({ path, busyTimeoutMs: 1234 });
      expect(store.settings()).toEqual({
        journalMode: 'wal',
        synchronous: 2,
        busyTimeoutMs: 1234,
        schemaVersion: SCHEMA_VERSION,
      });
      await store.close();
    }
  });

  it('refuses a file written by a newer schema', async () => {
    const path = dir.nextFile();
    const db = new Database(path);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    expect(() => SqliteEventStore.open({ path })).toThrow(/newer than this build/);
  });

  it('given a file of the first schema (stream heads in a table of their own), when the store opens it, then the table is gone and each stream continues from its last event', async () => {
    const path = dir.nextFile();
    let store = SqliteEventStore.open({ path });
    await store.append('kept', newEvents(2));
    await store.close();
    const older = new Database(path);
    older.exec(`CREATE TABLE streams (stream_id TEXT PRIMARY KEY, last_version INTEGER NOT NULL, last_hash TEXT NOT NULL) STRICT, WITHOUT ROWID;
      INSERT INTO streams SELECT stream_id, max(stream_version), 'stale' FROM events GROUP BY stream_id;`);
    older.pragma('user_version = 1');
    older.close();

    store = SqliteEventStore.open({ path });
    await expect(store.append('kept', newEvents(1), { expectedVersion: 0 })).rejects.toBeInstanceOf(
      ConcurrencyError,
    );
    await store.append('kept', newEvents(1), { expectedVersion: 1 });
    const stream = await store.readStream('kept');
    await store.close();

    const tables = new Database(path, { readonly: true });
    expect(tables.prepare("SELECT name FROM sqlite_master WHERE name = 'streams'").all()).toEqual([]);
    tables.close();
    expect(verifyChain('kept', stream)).toMatchObject({ ok: true, events: 3 });
  });

  it('rejects positions that are not its own sequence numbers', async () => {
    const store = SqliteEventStore.open({ path: dir.nextFile() });
    await expect(store.readAll({ after: '12:34' })).rejects.toBeInstanceOf(InvalidPositionError);
    await store.close();
  });

  it('answers appends queued before close, then refuses further use', async () => {
    const path = dir.nextFile();
    const store = SqliteEventStore.open({ path });
    const queued = store.append('closing', newEvents(1));
    await store.close();
    await expect(queued).resolves.toMatchObject({ nextExpectedVersion: 0 });
    expect(await rejectionOf(store.append('closing', newEvents(1)))).toBeInstanceOf(EventStoreError);
    await expect(store.readStream('closing')).rejects.toThrow(/closed/);

    const reopened = SqliteEventStore.open({ path });
    expect(await reopened.readStream('closing')).toHaveLength(1);
    await reopened.close();
  });
});
