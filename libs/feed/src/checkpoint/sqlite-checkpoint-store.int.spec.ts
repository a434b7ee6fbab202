import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { feedCheckpointsPath, SqliteCheckpointStore } from './sqlite-checkpoint-store';

describe('SqliteCheckpointStore', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'credence-checkpoints-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps each name apart and survives closing and reopening the file', async () => {
    const first = new SqliteCheckpointStore(feedCheckpointsPath(dir));
    expect(await first.load('relay-a')).toBeNull();
    await first.save('relay-a', '42');
    await first.save('relay-b', '7');
    await first.close();
    const reopened = new SqliteCheckpointStore(feedCheckpointsPath(dir));
    expect([await reopened.load('relay-a'), await reopened.load('relay-b')]).toEqual(['42', '7']);
    await reopened.close();
  });

  it('never moves a checkpoint backwards, comparing SQLite and EventStoreDB positions by value', async () => {
    const store = new SqliteCheckpointStore(feedCheckpointsPath(dir));
    await store.save('sqlite', '100');
    await store.save('sqlite', '99');
    expect(await store.load('sqlite')).toBe('100');
    await store.save('esdb', '1500:1400');
    await store.save('esdb', '900:900');
    expect(await store.load('esdb')).toBe('1500:1400');
    await store.save('esdb', '1500:1500');
    expect(await store.load('esdb')).toBe('1500:1500');
    await store.close();
  });
});
