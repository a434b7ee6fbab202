import Database from 'better-sqlite3';
import { migrate } from './schema';
import { prepareStatements } from './statements';

/**
 * SQLite (3.46 on) lets the query planner read a bound LIMIT, so binding it expires the statement
 * and the next run prepares it again (~10 µs a call, measured on the events table). Statements a
 * command runs on every call must therefore not take their LIMIT as a parameter; the paged reads
 * (a bounded stream read, a subscription's batch) may, since they read many rows a call.
 */
const PAGED = new Set(['readStreamPage', 'readAll']);

describe('the event store statements', () => {
  it('given the events schema, when the statements are prepared, then only the paged reads bind a LIMIT', () => {
    const db = new Database(':memory:');
    try {
      migrate(db);
      const boundLimit = Object.entries(prepareStatements(db))
        .filter(([, statement]) => /\bLIMIT\s+\?/i.test(statement.source))
        .map(([name]) => name);

      expect(boundLimit.sort()).toEqual([...PAGED].sort());
    } finally {
      db.close();
    }
  });

  it('given a stream, when it is read whole or a page of it, then both statements read it in version order', () => {
    const db = new Database(':memory:');
    try {
      migrate(db);
      const s = prepareStatements(db);
      for (const version of [0, 1, 2])
        s.insertEvent.run(`e${version}`, 's', version, 'T', 1, '{}', '{}', null, `h${version}`);

      expect(s.readStream.all('s', 1).map((e) => e.stream_version)).toEqual([1, 2]);
      expect(s.readStreamPage.all('s', 0, 2).map((e) => e.stream_version)).toEqual([0, 1]);
    } finally {
      db.close();
    }
  });
});
