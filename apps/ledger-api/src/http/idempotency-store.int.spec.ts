import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteIdempotencyStore } from './idempotency-store';

const HOUR = 3_600_000;
const at = (ms: number) => new Date(Date.UTC(2026, 10, 21) + ms);

describe('SqliteIdempotencyStore retention', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'credence-idem-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const response = { fingerprint: 'f', headers: { location: '/v1/x' }, body: { id: 'x' } };

  it('replays within the retention and forgets after it', async () => {
    const store = new SqliteIdempotencyStore(join(dir, 'api.sqlite'), 24 * HOUR);
    await store.save('p1', 'k1', response, at(0));
    expect(await store.find('p1', 'k1', at(23 * HOUR))).toEqual(response);
    expect(await store.find('p1', 'k1', at(24 * HOUR + 1))).toBeUndefined();
    store.onApplicationShutdown();
  });

  it('purges expired records from the file', () => {
    const path = join(dir, 'api.sqlite');
    const store = new SqliteIdempotencyStore(path, 2 * HOUR);
    store.save('p1', 'old', response, at(0));
    store.save('p1', 'new', response, at(3 * HOUR));
    expect(store.purgeExpired(at(4 * HOUR))).toBe(1);
    store.onApplicationShutdown();
    const rows = new Database(path, { readonly: true }).prepare('SELECT key FROM idempotent_responses').all();
    expect(rows).toEqual([{ key: 'new' }]);
  });

  it('deletes, on opening, records an older version stored with a token in them', async () => {
    const path = join(dir, 'api.sqlite');
    new SqliteIdempotencyStore(path, HOUR).onApplicationShutdown();
    const db = new Database(path);
    db.prepare('INSERT INTO idempotent_responses VALUES (?, ?, ?, ?, ?, ?)').run(
      'p',
      'k',
      'f',
      '{}',
      '{"id":"a","token":"cred_x"}',
      at(0).toISOString(),
    );
    db.close();
    const store = new SqliteIdempotencyStore(path, 1000 * 24 * HOUR);
    expect(await store.find('p', 'k', at(0))).toBeUndefined();
    store.onApplicationShutdown();
  });
});

describe('SqliteIdempotencyStore group commit', () => {
  let dir: string;
  let path: string;
  let store: SqliteIdempotencyStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'credence-idem-'));
    path = join(dir, 'api.sqlite');
    store = new SqliteIdempotencyStore(path, 24 * HOUR);
  });
  afterEach(() => {
    store.onApplicationShutdown();
    rmSync(dir, { recursive: true, force: true });
  });

  const response = (id: string) => ({
    fingerprint: `f-${id}`,
    headers: { location: `/v1/x/${id}` },
    body: { id },
  });
  const keysInFile = () => {
    const db = new Database(path, { readonly: true });
    const keys = db.prepare('SELECT key FROM idempotent_responses ORDER BY key').pluck().all();
    db.close();
    return keys;
  };

  it('given a save not yet committed, when a twin finds it, then the replay waits for the commit', async () => {
    const saved = store.save('p1', 'k1', response('a'), at(0));
    const replayed = store.find('p1', 'k1', at(1)).then((found) => ({ found, inFile: keysInFile() }));
    expect(keysInFile()).toEqual([]);
    await saved;
    expect(await replayed).toEqual({ found: response('a'), inFile: ['k1'] });
  });

  it('given 200 saves in one turn, when committed, then they share one transaction, not one each', async () => {
    const walBytes = () => statSync(`${path}-wal`).size;
    const before = walBytes();
    const keys = Array.from({ length: 200 }, (_, i) => `k${String(i).padStart(3, '0')}`);
    await Promise.all(keys.map((key) => store.save('p1', key, response(key), at(0))));
    expect(keysInFile()).toEqual(keys);
    // Every commit appends at least one page frame to the WAL; 200 commits would add 200 or more.
    const pageSize = 4096;
    expect((walBytes() - before) / pageSize).toBeLessThan(50);
  });

  it('given a twin saved in the same turn, then the first answer is kept', async () => {
    const first = store.save('p1', 'k1', response('first'), at(0));
    const twin = store.save('p1', 'k1', response('twin'), at(0));
    await Promise.all([first, twin]);
    await store.save('p1', 'k1', response('later'), at(HOUR));
    expect(await store.find('p1', 'k1', at(2 * HOUR))).toEqual(response('first'));
  });

  it('given an expired record under the key, when saved again, then the new answer replaces it', async () => {
    await store.save('p1', 'k1', response('old'), at(0));
    await store.save('p1', 'k1', response('new'), at(25 * HOUR));
    expect(await store.find('p1', 'k1', at(26 * HOUR))).toEqual(response('new'));
  });

  it('given saves not yet committed, when the app shuts down, then they are in the file and settle', async () => {
    const other = new SqliteIdempotencyStore(join(dir, 'other.sqlite'), 24 * HOUR);
    const saved = other.save('p1', 'k1', response('a'), at(0));
    other.onApplicationShutdown();
    await saved;
    const db = new Database(join(dir, 'other.sqlite'), { readonly: true });
    expect(db.prepare('SELECT key FROM idempotent_responses').pluck().all()).toEqual(['k1']);
    db.close();
  });

  // The rejection is checked by its SQLite code, as sqlite-errors.ts reads it, not with toThrow:
  // better-sqlite3's native addon is loaded once per process and keeps the SqliteError class of the
  // first spec file that opened a database, so in a later file of the same jest process that error
  // is not `instanceof Error` of this file's realm, and toThrow reports "did not throw" for a save
  // that did reject.
  it('given a commit that fails, then the waiting save rejects and the answer is not replayed', async () => {
    // A record the table refuses fails its whole commit, as a full disk or an I/O error would.
    const refused = { ...response('a'), fingerprint: null as unknown as string };
    await expect(store.save('p1', 'k1', refused, at(0))).rejects.toMatchObject({
      code: 'SQLITE_CONSTRAINT_NOTNULL',
    });
    expect(await store.find('p1', 'k1', at(0))).toBeUndefined();
    expect(keysInFile()).toEqual([]);
  });

  it('given a twin that finds a record before its commit fails, then the twin gets no replay', async () => {
    const refused = { ...response('a'), fingerprint: null as unknown as string };
    const saved = store.save('p1', 'k1', refused, at(0));
    const twin = store.find('p1', 'k1', at(0));
    await expect(saved).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT_NOTNULL' });
    expect(await twin).toBeUndefined();
  });
});
