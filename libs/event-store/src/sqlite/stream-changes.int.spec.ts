import { openDurableDatabase } from '@credence/sqlite';
import { newEvents, tempDir, uniqueStream } from '../testing';
import { SqliteEventStore } from './sqlite-event-store';
import { StreamChanges } from './stream-changes';

const dir = tempDir('stream-changes');
afterAll(() => dir.remove());

describe.each([
  ['on its own connection', false],
  // Its own commits reach this connection as another connection's would: they must still not
  // count as outside changes, and another process's must.
  ['from a writer thread', true],
])(
  'SQLite change marks of a store writing %s: one pragma instead of one query per cached stream',
  (_, writerThread) => {
    const twoConnections = () => {
      const file = dir.nextFile();
      return {
        here: SqliteEventStore.open({ path: file, writerThread }),
        elsewhere: SqliteEventStore.open({ path: file }),
      };
    };

    it('given a mark, when this store appends to another stream, then the marked stream is still vouched for', async () => {
      const { here, elsewhere } = twoConnections();
      const [a, b] = [uniqueStream('a'), uniqueStream('b')];
      await here.append(a, newEvents(1));
      const mark = here.changeMark()!;

      await here.append(b, newEvents(1));

      expect(here.unchangedSince(a, mark)).toBe(true);
      expect(here.unchangedSince(b, mark)).toBe(false);
      await Promise.all([here.close(), elsewhere.close()]);
    });

    it('given a mark, when another connection commits to any stream, then no stream is vouched for any more', async () => {
      const { here, elsewhere } = twoConnections();
      const [a, b] = [uniqueStream('a'), uniqueStream('b')];
      await here.append(a, newEvents(1));
      const mark = here.changeMark()!;
      const appended = await here.append(b, newEvents(1));
      const appendMark = here.markOfAppend(b, appended.nextExpectedVersion)!;

      await elsewhere.append(uniqueStream('c'), newEvents(1));

      expect(here.unchangedSince(a, mark)).toBe(false);
      expect(here.unchangedSince(b, appendMark)).toBe(false);
      expect(here.unchangedSince(a, here.changeMark()!)).toBe(true);
      await Promise.all([here.close(), elsewhere.close()]);
    });

    it('given a mark, when another connection commits and then this store does, then no stream is vouched for any more', async () => {
      const { here, elsewhere } = twoConnections();
      const [a, b] = [uniqueStream('a'), uniqueStream('b')];
      await here.append(a, newEvents(1));
      const mark = here.changeMark()!;

      // Nothing asks between the two: this store's next commit is the first it hears of the other's.
      await elsewhere.append(uniqueStream('c'), newEvents(1));
      await here.append(b, newEvents(1));

      expect(here.unchangedSince(a, mark)).toBe(false);
      await Promise.all([here.close(), elsewhere.close()]);
    });

    it('given an append, when the same append is retried, then the retry (which writes nothing) moves no mark', async () => {
      const { here, elsewhere } = twoConnections();
      const stream = uniqueStream();
      const events = newEvents(2);
      const first = await here.append(stream, events, { expectedVersion: 'no_stream' });
      const mark = here.markOfAppend(stream, first.nextExpectedVersion)!;

      await here.append(stream, events, { expectedVersion: 'no_stream' });

      expect(here.unchangedSince(stream, mark)).toBe(true);
      expect(here.markOfAppend(stream, first.nextExpectedVersion)).toBe(mark);
      await Promise.all([here.close(), elsewhere.close()]);
    });
  },
);

describe('SQLite change marks: a bounded memory', () => {
  it('given more streams appended than it remembers, when a forgotten one is asked about, then it is not vouched for', async () => {
    const db = openDurableDatabase({ path: dir.nextFile() });
    const changes = new StreamChanges(db, 2);
    const [a, b, c] = [uniqueStream('a'), uniqueStream('b'), uniqueStream('c')];
    const mark = changes.mark();

    changes.committed([{ streamId: a, version: 0 }]);
    changes.committed([{ streamId: b, version: 0 }]);
    changes.committed([{ streamId: c, version: 0 }]);

    expect(changes.markOfAppend(a, 0)).toBeUndefined();
    expect(changes.unchangedSince(a, mark)).toBe(false);
    expect(changes.unchangedSince(a, changes.mark())).toBe(true);
    db.close();
  });
});
