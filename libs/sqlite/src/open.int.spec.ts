import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDurableDatabase, openSideDatabase, PAGE_CACHE_KIB } from './open';

const dir = mkdtempSync(join(tmpdir(), 'credence-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('openSideDatabase', () => {
  it('given a new path, creates the file and its folders in WAL mode with the asked sync and the schema', () => {
    const db = openSideDatabase({
      path: join(dir, 'a', 'side.sqlite'),
      synchronous: 'NORMAL',
      schema: 'CREATE TABLE IF NOT EXISTS t (x)',
    });
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(1);
      expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all()).toEqual(['t']);
    } finally {
      db.close();
    }
  });

  it('given an existing file, runs its idempotent schema again and keeps the rows', () => {
    const path = join(dir, 'again.sqlite');
    const schema = 'CREATE TABLE IF NOT EXISTS t (x)';
    const first = openSideDatabase({ path, synchronous: 'FULL', schema });
    first.prepare('INSERT INTO t VALUES (1)').run();
    first.close();
    const second = openSideDatabase({ path, synchronous: 'FULL', schema });
    expect([
      second.pragma('synchronous', { simple: true }),
      second.prepare('SELECT x FROM t').pluck().all(),
    ]).toEqual([2, [1]]);
    second.close();
  });

  it('given a schema that fails, refuses to open', () => {
    expect(() =>
      openSideDatabase({ path: join(dir, 'bad.sqlite'), synchronous: 'FULL', schema: 'CREATE TABLE (' }),
    ).toThrow(/syntax error/);
  });
});

describe('openDurableDatabase', () => {
  it("given no page cache size, bounds the cache at the side size, not the driver's 16 MiB", () => {
    const db = openDurableDatabase({ path: join(dir, 'default-cache.sqlite') });
    expect(db.pragma('cache_size', { simple: true })).toBe(-PAGE_CACHE_KIB.side);
    db.close();
  });

  it('given a page cache size in KiB, bounds the cache at it', () => {
    const db = openDurableDatabase({
      path: join(dir, 'serving-cache.sqlite'),
      cacheKib: PAGE_CACHE_KIB.serving,
    });
    expect(db.pragma('cache_size', { simple: true })).toBe(-PAGE_CACHE_KIB.serving);
    db.close();
  });
});
