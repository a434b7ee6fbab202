import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ChangeCounter } from './change-counter';

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('ChangeCounter', () => {
  const dir = mkdtempSync(join(tmpdir(), 'change-counter-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let file = 0;
  const twoConnections = () => {
    const path = join(dir, `${(file += 1)}.db`);
    const here = new Database(path);
    here.pragma('journal_mode = WAL');
    here.exec('CREATE TABLE t (v INTEGER)');
    return { here, elsewhere: new Database(path) };
  };

  it('given a commit by another connection, when the count is asked, then it has moved', () => {
    const { here, elsewhere } = twoConnections();
    const counter = new ChangeCounter(here);
    const before = counter.current();

    elsewhere.exec('INSERT INTO t VALUES (1)');

    expect(counter.current()).toBeGreaterThan(before);
    expect(counter.lastOutsideChange).toBe(counter.current());
    here.close();
    elsewhere.close();
  });

  it('given once per turn, when another connection commits in the same turn, then this turn keeps its answer and the next turn sees the commit', async () => {
    const { here, elsewhere } = twoConnections();
    const counter = new ChangeCounter(here, { oncePerTurn: true });
    await nextTurn();
    const before = counter.current();
    await Promise.resolve(); // a continuation of the same turn

    elsewhere.exec('INSERT INTO t VALUES (1)');
    const sameTurn = counter.current();
    await nextTurn();
    const nextTurnCount = counter.current();

    expect(sameTurn).toBe(before);
    expect(nextTurnCount).toBeGreaterThan(before);
    here.close();
    elsewhere.close();
  });

  it('given once per turn, when a commit lands between two macrotasks, then the second one sees it at its first ask', async () => {
    const { here, elsewhere } = twoConnections();
    const counter = new ChangeCounter(here, { oncePerTurn: true });
    const before = await new Promise<number>((resolve) => setImmediate(() => resolve(counter.current())));

    await new Promise<void>((resolve) =>
      setImmediate(() => (elsewhere.exec('INSERT INTO t VALUES (1)'), resolve())),
    );
    const after = await new Promise<number>((resolve) => setImmediate(() => resolve(counter.current())));

    expect(after).toBeGreaterThan(before);
    here.close();
    elsewhere.close();
  });
});
