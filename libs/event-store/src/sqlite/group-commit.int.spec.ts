import { setImmediate as nextTurn } from 'node:timers/promises';
import { newEvents, tempDir } from '../testing';
import { openConnection } from './connection';
import { GroupCommit } from './group-commit';
import { prepareStatements } from './statements';

const dir = tempDir('group-commit');
afterAll(() => dir.remove());

describe('GroupCommit paused for a WAL restart', () => {
  it('begins no transaction while paused, then commits the queued appends in one on resume', async () => {
    // Given a paused writer
    const db = openConnection({ path: dir.nextFile() });
    const writer = new GroupCommit(db, prepareStatements(db), () => undefined);
    writer.pause();

    // When appends arrive and the event loop turns
    const appends = [1, 2, 3].map((n) =>
      writer.append({ streamId: `paused-${n}`, events: newEvents(1), expectedVersion: 'no_stream' }),
    );
    let idled = false;
    const idle = writer.whenIdle().then(() => (idled = true));
    await nextTurn();
    await nextTurn();

    // Then nothing is committed until it resumes, and whenIdle waits for the queued appends
    expect([writer.stats.transactions, idled]).toEqual([0, false]);
    writer.resume();
    await idle;
    await expect(Promise.all(appends)).resolves.toHaveLength(3);
    expect(writer.stats).toEqual({ transactions: 1, appends: 3 });
    db.close();
  });
});
