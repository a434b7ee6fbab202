import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { openLedgerEventStore } from '@credence/config';
import type { EventStore } from '@credence/event-store';
import {
  migrateTableSet,
  PROJECTION_NAMES,
  readCheckpoints,
  ReadModelDatabase,
  resetTableSet,
  waitForProjections,
} from '@credence/projections';
import { dumpTables, expectedTables } from '@credence/projections/testing/dump';
import { describeEachReadModelStore } from '@credence/projections/testing/read-model-targets';
import { appendOne, appendWorkload } from '@credence/projections/testing/workload';
import { ProjectorThread } from './projector-thread';

/** The embedded projector's worker thread: projecting, woken by commits, restarted after a crash, stopped. */
describeEachReadModelStore('ProjectorThread', (target) => {
  let dataDir: string;
  let store: EventStore;
  let rm: ReadModelDatabase;
  let thread: ProjectorThread | undefined;
  const crashes: string[] = [];

  /** The lowest checkpoint, as a count of events projected (0 before the first batch). */
  const progress = async () => {
    const checkpoints = [...(await readCheckpoints(rm.any, '', PROJECTION_NAMES)).values()];
    return Math.min(...checkpoints.map((c) => (c === null ? 0 : Number(c))));
  };
  const projected = async (timeoutMs = 30_000) =>
    waitForProjections(rm, PROJECTION_NAMES, (await store.headPosition())!, { timeoutMs });

  const startThread = async (batchSize?: number) => {
    thread = new ProjectorThread({
      settings: {
        eventStore: { kind: 'sqlite', dataDir },
        readModels: { databaseUrl: target.databaseUrl(), dataDir },
        batchSize,
        statusEveryMs: 20,
      },
      onBatchFailed: () => undefined,
      onCrash: (error) => crashes.push(error instanceof Error ? error.message : String(error)),
      restart: { initialMs: 10, maxMs: 100, resetAfterMs: 60_000 },
    });
    await thread.start();
    return thread;
  };

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'credence-projector-thread-'));
    store = await openLedgerEventStore({ kind: 'sqlite', dataDir });
    rm = await ReadModelDatabase.open({ databaseUrl: target.databaseUrl(), dataDir });
    await migrateTableSet(rm);
    // PostgreSQL's schema is the describe's: each test starts from empty tables, as its log does.
    await resetTableSet(rm);
    crashes.length = 0;
  });
  afterEach(async () => {
    await thread?.stop();
    thread = undefined;
    await rm.close();
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('projects the log in its thread, and follows the commits it is told of', async () => {
    // Given a log, and a thread started on it
    await appendWorkload(store, 20);
    const running = await startThread();
    // Then it catches up with the head, with the tables the projections fold in memory
    await projected();
    expect(running.state).toBe('running');
    expect(running.lastError).toBeNull();
    expect(await dumpTables(rm)).toEqual(await expectedTables(store));

    // When the main thread appends and tells the thread of each commit
    const unlisten = store.onCommit((head) => running.committed(head));
    const principal = { id: 'admin', role: 'admin' as const };
    await appendOne(
      store,
      'issuer-late',
      {
        type: 'IssuerRegistered',
        data: { issuerId: 'late', legalName: 'Late University', country: 'NL', registrationId: 'KVK-late' },
      },
      { principal, now: '2026-02-01T00:00:00Z' },
    );
    unlisten();
    // Then the new events are projected too
    await projected(5_000);
    expect(await dumpTables(rm)).toEqual(await expectedTables(store));
  });

  it('reports a thread that died mid-batch and starts another, which finishes without gap or double count', async () => {
    // Given a long catch-up in small transactions
    await appendWorkload(store, 200);
    const head = Number(await store.headPosition());
    const running = await startThread(5);
    while ((await progress()) < head * 0.2) await sleep(5);
    // When its thread dies mid-way
    await running.thread!.terminate();
    // Then the crash is reported, and a new thread picks up from the committed checkpoints
    while (crashes.length === 0) await sleep(5);
    expect(crashes).toHaveLength(1);
    expect(running.lastError).toMatch(/The projector thread stopped/);
    expect(await progress()).toBeLessThan(head);
    await projected();
    expect(await dumpTables(rm)).toEqual(await expectedTables(store));
    while (running.state !== 'running' || running.lastError !== null) await sleep(10);
  });

  it('started in the background, holds no one up, and reports a thread that cannot start until one can', async () => {
    // Given an event store the thread cannot open: a file where its directory should be
    const blocked = join(dataDir, 'blocked');
    writeFileSync(blocked, '');
    thread = new ProjectorThread({
      settings: {
        eventStore: { kind: 'sqlite', dataDir: blocked },
        readModels: { databaseUrl: target.databaseUrl(), dataDir },
        statusEveryMs: 20,
      },
      onBatchFailed: () => undefined,
      onCrash: (error) => crashes.push(error instanceof Error ? error.message : String(error)),
      restart: { initialMs: 10, maxMs: 100, resetAfterMs: 60_000 },
    });
    // When it is started in the background
    thread.startInBackground();
    // Then the caller goes on at once, the failure is reported as a crash, and the thread is retried
    expect(thread.state).toBe('starting');
    while (crashes.length === 0) await sleep(5);
    expect(thread.state).toBe('retrying');
    expect(thread.lastError).toMatch(/The projector thread stopped/);
    // And once the directory can be opened, a retry projects
    rmSync(blocked);
    mkdirSync(blocked);
    while (thread.state !== 'running') await sleep(10);
  });

  it('stops its thread before the caller closes the store, and restarts nothing after', async () => {
    // Given a running thread
    await appendWorkload(store, 5);
    const running = await startThread();
    await projected();
    const worker = running.thread!;
    const exited = new Promise<number>((resolve) => worker.once('exit', resolve));
    // When it is stopped
    await running.stop();
    // Then the thread has exited by itself (code 0), with no crash reported and none to come
    expect(await exited).toBe(0);
    expect(running.state).toBe('stopped');
    expect(running.thread).toBeUndefined();
    await sleep(50);
    expect(crashes).toEqual([]);
    expect(running.thread).toBeUndefined();
  });
});
