import Database from 'better-sqlite3';
import { prepared } from './prepared';

describe('prepared', () => {
  it('given one connection, when a statement is asked for twice, then it is prepared once and runs', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE t (v TEXT)');
    const insert = prepared<[string]>(db, 'INSERT INTO t VALUES (?)');
    expect(prepared(db, 'INSERT INTO t VALUES (?)')).toBe(insert);
    insert.run('a');
    prepared<[string]>(db, 'INSERT INTO t VALUES (?)').run('b');
    expect(db.prepare('SELECT v FROM t ORDER BY v').pluck().all()).toEqual(['a', 'b']);
    db.close();
  });

  it('given two connections, then each gets its own statement', () => {
    const [one, two] = [new Database(':memory:'), new Database(':memory:')];
    expect(prepared(one, 'SELECT 1')).not.toBe(prepared(two, 'SELECT 1'));
    one.close();
    two.close();
  });
});
