import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { SqliteEventStore } from '@credence/event-store/sqlite';
import { PROJECTIONS } from '../projections';
import { issuerCompliance } from '../queries/compliance';
import { readCheckpoints } from '../store/checkpoints';
import { ReadModelDatabase } from '../store/database';
import { migrateTableSet, resetTableSet } from '../store/table-set';
import { dumpTables, expectedTables } from '../testing/dump';
import { describeEachReadModelStore } from '../testing/read-model-targets';
import { appendWorkload, WORKLOAD_ISSUERS, type Workload } from '../testing/workload';
import { Projector } from './projector';
import { rebuildProjections } from './rebuild';

describeEachReadModelStore('Projector', (target) => {
  let dataDir: string;
  let store: SqliteEventStore;
  let rm: ReadModelDatabase;
  let workload: Workload;
  const running: Projector[] = [];

  const projector = async (batchSize: number) => {
    const p = new Projector(store, rm, PROJECTIONS, { batchSize });
    running.push(p);
    await p.start();
    return p;
  };
  const stopAll = () => Promise.all(running.splice(0).map((p) => p.stop()));

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'credence-projector-'));
    store = SqliteEventStore.open({ path: join(dataDir, 'events.sqlite'), pollIntervalMs: 20 });
    rm = await ReadModelDatabase.open({ databaseUrl: target.databaseUrl(), dataDir });
    await migrateTableSet(rm);
    workload = await appendWorkload(store, 300);
  });
  afterAll(async () => {
    await stopAll();
    await rm?.close();
    await store?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  afterEach(stopAll);

  it('catches up in batches: every table equals the projections folded in memory, every checkpoint at the head', async () => {
    const p = await projector(37);
    await p.caughtUp(await store.headPosition());
    expect(await dumpTables(rm)).toEqual(await expectedTables(store));
    const checkpoints = await readCheckpoints(
      rm.any,
      '',
      PROJECTIONS.map((x) => x.name),
    );
    expect(new Set(checkpoints.values())).toEqual(new Set([await store.headPosition()]));
  });

  it('counts exactly what the workload holds, per issuer and ruleset', async () => {
    for (const issuerId of WORKLOAD_ISSUERS) {
      const report = await issuerCompliance(rm.db, issuerId, Date.now());
      const actual = Object.fromEntries(
        report!.rulesets.map((r) => {
          const { notYetValid: _n, ...credentials } = r.credentials;
          return [
            r.key,
            { ...credentials, refusedByRule: r.refusedByRule, warningsByRule: r.warningsByRule },
          ];
        }),
      );
      expect(actual).toEqual(workload.expected[issuerId]);
    }
  });

  it('resumes from its checkpoint after a restart and applies only what is new', async () => {
    const before = await expectedTables(store);
    expect(await dumpTables(rm)).toEqual(before);
    await appendWorkload(store, 30);
    const p = await projector(500);
    await p.caughtUp(await store.headPosition());
    expect(await dumpTables(rm)).toEqual(await expectedTables(store));
  });

  it('rolls a failed batch back whole and applies it once the database recovers', async () => {
    const p = await projector(25);
    await p.caughtUp(await store.headPosition());
    await rm.any.schema.alterTable('credentials').renameTo('credentials_away').execute();
    try {
      await appendWorkload(store, 12);
      while (p.state !== 'retrying') await sleep(10);
      expect(p.lastError).toMatch(/credentials/);
      const stuck = await readCheckpoints(
        rm.any,
        '',
        PROJECTIONS.map((x) => x.name),
      );
      expect(new Set(stuck.values()).size).toBe(1);
    } finally {
      await rm.any.schema.alterTable('credentials_away').renameTo('credentials').execute();
    }
    await p.caughtUp(await store.headPosition());
    expect(p.state).toBe('running');
    expect(await dumpTables(rm)).toEqual(await expectedTables(store));
  });

  it('lets two projectors on one database take turns without applying a batch twice', async () => {
    await resetTableSet(rm);
    const [a, b] = [await projector(11), await projector(13)];
    const head = await store.headPosition();
    await Promise.all([a.caughtUp(head), b.caughtUp(head)]);
    expect(await dumpTables(rm)).toEqual(await expectedTables(store));
  });

  it('folds pages into one transaction of up to batchSize events, and commits at the head after a full page', async () => {
    await resetTableSet(rm);
    const batches: number[] = [];
    // Pages of one event are always full: only finding the head of the log ends the transaction.
    const p = new Projector(store, rm, PROJECTIONS, {
      batchSize: 1_000_000,
      pageSize: 1,
      onBatch: (b) => batches.push(b.events),
    });
    running.push(p);
    await p.start();
    await p.caughtUp(await store.headPosition());
    expect(batches).toEqual([Number(await store.headPosition())]);
    expect(await dumpTables(rm)).toEqual(await expectedTables(store));
  });

  it('rebuilds in place and counts every event it projected, with no progress callback', async () => {
    const summary = await rebuildProjections(store, rm, { batchSize: 64 });
    expect(summary.processed).toBe(Number(await store.headPosition()));
    expect(await dumpTables(rm)).toEqual(await expectedTables(store));
  });

  it('rebuilds into a staging set and swaps it in while a live projector keeps running', async () => {
    const live = await projector(50);
    await live.caughtUp(await store.headPosition());
    const progress: number[] = [];
    const summary = await rebuildProjections(store, rm, {
      swap: true,
      batchSize: 64,
      onProgress: (p) => progress.push(p.processed),
    });
    expect(summary.swapped).toBe(true);
    expect(progress.length).toBeGreaterThan(2);
    expect(await dumpTables(rm)).toEqual(await expectedTables(store));
    // The live projector finds its checkpoints moved under it, resumes on the new set, and keeps up.
    await appendWorkload(store, 9);
    await live.caughtUp(await store.headPosition());
    expect(await dumpTables(rm)).toEqual(await expectedTables(store));
  });
});
