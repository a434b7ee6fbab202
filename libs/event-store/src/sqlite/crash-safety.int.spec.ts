import Database from 'better-sqlite3';
import { runAndKill } from '../../../../test/support/run-crash-writer';
import { verifyChain } from '../chain';
import type { RecordedEvent } from '../envelope';
import { tempDir } from '../testing';
import { SqliteEventStore } from './sqlite-event-store';

const CYCLES = 20;
const WAL_CYCLES = 10;
const THREAD_CYCLES = 10;

const dir = tempDir('sqlite-crash');
afterAll(() => dir.remove());

const expectIntact = (path: string, log: readonly RecordedEvent[], acked: ReadonlyMap<string, string>) => {
  expect(log.map((e) => e.globalPosition)).toEqual(log.map((_, i) => String(i + 1)));
  const byId = new Map(log.map((e) => [e.eventId, e]));
  const missing = [...acked].filter(([id, where]) => {
    const e = byId.get(id);
    return !e || `${e.streamId}@${e.streamVersion}#${e.globalPosition}` !== where;
  });
  expect(missing).toEqual([]);

  const streams = new Map<string, RecordedEvent[]>();
  for (const e of log) streams.set(e.streamId, [...(streams.get(e.streamId) ?? []), e]);
  for (const [streamId, events] of streams) expect(verifyChain(streamId, events).ok).toBe(true);

  const db = new Database(path, { readonly: true });
  const integrity = db.pragma('integrity_check', { simple: true });
  db.close();
  expect(integrity).toBe('ok');
};

/**
 * Kills the writer `cycles` times, at `killAfter(cycle)` acknowledged appends, and checks the file
 * after each kill; returns how many appends were acknowledged in all.
 */
const killRepeatedly = async (
  path: string,
  cycles: number,
  killAfter: (cycle: number) => number,
  ...writerArgs: string[]
): Promise<number> => {
  const acked = new Map<string, string>();
  for (let cycle = 0; cycle < cycles; cycle++) {
    const acks = await runAndKill(path, killAfter(cycle), ...writerArgs);
    for (const ack of acks) {
      ack.eventIds.forEach((id, i) =>
        acked.set(id, `${ack.streamId}@${ack.versions[i]}#${ack.positions[i]}`),
      );
    }
    const store = SqliteEventStore.open({ path });
    const log = await store.readAll();
    await store.close();
    expectIntact(path, log, acked);
  }
  return acked.size;
};

describe('SqliteEventStore crash safety', () => {
  it(`keeps every acknowledged append, gapless and chained, through ${CYCLES} SIGKILLs under load`, async () => {
    // Vary the moment of death so kills land at different points of the write path.
    const acked = await killRepeatedly(dir.nextFile('crash'), CYCLES, (cycle) => 3 + ((cycle * 37) % 90));
    expect(acked).toBeGreaterThan(CYCLES * 3);
  }, 180_000);

  it(`keeps every acknowledged append through ${WAL_CYCLES} SIGKILLs amid background checkpoints and WAL restarts`, async () => {
    // Later kills than above: the checkpointer's worker takes tens of ms to start.
    const killAfter = (cycle: number) => 40 + ((cycle * 53) % 300);
    const acked = await killRepeatedly(dir.nextFile('crash-wal'), WAL_CYCLES, killAfter, 'wal');
    expect(acked).toBeGreaterThan(WAL_CYCLES * 40);
  }, 180_000);

  it(`keeps every acknowledged append through ${THREAD_CYCLES} SIGKILLs with the writer in a worker thread, amid its checkpoints and WAL restarts`, async () => {
    // The thread starts after the process, and its checkpointer after it: later kills still.
    const killAfter = (cycle: number) => 20 + ((cycle * 53) % 300);
    const acked = await killRepeatedly(
      dir.nextFile('crash-thread'),
      THREAD_CYCLES,
      killAfter,
      'wal',
      'thread',
    );
    expect(acked).toBeGreaterThan(THREAD_CYCLES * 20);
  }, 180_000);
});
