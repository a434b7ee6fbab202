import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { newEvents, tempDir } from '@credence/event-store/testing';
import { SqliteEventStore } from '@credence/event-store/sqlite';
import { EVENTS_FILE } from './sqlite-files';
import { STORE_CHECKS, verifyStore } from './verify';

const hashChains = STORE_CHECKS.filter((check) => check.name === 'hash chains');

describe('verify-store hash chains', () => {
  const dirs = tempDir('verify-store');
  afterAll(() => dirs.remove());

  /** A data dir with two streams of two events each. */
  const dataDir = async () => {
    const dir = join(dirs.path, `d-${Math.random().toString(36).slice(2)}`);
    mkdirSync(dir);
    const store = SqliteEventStore.open({ path: join(dir, EVENTS_FILE) });
    await store.append('a', newEvents(2));
    await store.append('b', newEvents(2));
    await store.close();
    return dir;
  };

  /** The stream-head table a first-schema file kept, as a backup taken then holds it. */
  const keepHeads = (dir: string, lastHashOfB?: string) => {
    const db = new Database(join(dir, EVENTS_FILE));
    db.exec(`CREATE TABLE streams (stream_id TEXT PRIMARY KEY, last_version INTEGER NOT NULL, last_hash TEXT NOT NULL) STRICT, WITHOUT ROWID;
      INSERT INTO streams SELECT stream_id, stream_version, hash FROM events e
        WHERE stream_version = (SELECT max(stream_version) FROM events WHERE stream_id = e.stream_id);`);
    if (lastHashOfB) db.prepare("UPDATE streams SET last_hash = ? WHERE stream_id = 'b'").run(lastHashOfB);
    db.close();
  };

  it('given a data dir of the current schema, when verified, then every chain is intact without a head table', async () => {
    const [result] = await verifyStore(await dataDir(), hashChains);
    expect(result).toMatchObject({ ok: true, detail: '2 streams, 4 events intact' });
  });

  it('given a first-schema backup whose recorded heads match, when verified, then it passes', async () => {
    const dir = await dataDir();
    keepHeads(dir);
    const [result] = await verifyStore(dir, hashChains);
    expect(result.ok).toBe(true);
  });

  it('given a first-schema backup with a head that is not its stream’s last event, when verified, then it fails naming that stream', async () => {
    const dir = await dataDir();
    keepHeads(dir, 'f'.repeat(64));
    const [result] = await verifyStore(dir, hashChains);
    expect(result).toMatchObject({ ok: false, detail: 'b: stream head does not match its last event' });
  });
});
