import { mkdtempSync, rmSync } from 'node:fs';
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

  it('replays within the retention and forgets after it', () => {
    const store = new SqliteIdempotencyStore(join(dir, 'api.sqlite'), 24 * HOUR);
    store.save('p1', 'k1', response, at(0));
    expect(store.find('p1', 'k1', at(23 * HOUR))).toEqual(response);
    expect(store.find('p1', 'k1', at(24 * HOUR + 1))).toBeUndefined();
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

  it('deletes, on opening, records an older version stored with a token in them', () => {
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
    expect(store.find('p', 'k', at(0))).toBeUndefined();
    store.onApplicationShutdown();
  });
});
