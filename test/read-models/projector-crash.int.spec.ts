import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { comparePositions } from '@credence/event-store';
import { SqliteEventStore } from '@credence/event-store/sqlite';
import {
  issuerCompliance,
  migrateTableSet,
  PROJECTION_NAMES,
  readCheckpoints,
  ReadModelDatabase,
} from '@credence/projections';
import { dumpTables, expectedTables } from '@credence/projections/testing/dump';
import { describeEachReadModelStore } from '@credence/projections/testing/read-model-targets';
import { appendWorkload, WORKLOAD_ISSUERS, type Workload } from '@credence/projections/testing/workload';
import { type Child, killHard, runEntry } from './support/child';

/**
 * kill -9 of the projector in the middle of a rebuild, twice (the CLI rebuild, then apps/projector
 * resuming it), then a clean run: every table must equal the projections folded in memory, and every
 * compliance count the workload's own tally. Small batches make many transactions to die between.
 */
describeEachReadModelStore('Projector killed with SIGKILL mid-rebuild', (target) => {
  let dataDir: string;
  let store: SqliteEventStore;
  let rm: ReadModelDatabase;
  let workload: Workload;
  let head: number;

  const env = () => ({
    CREDENCE_DATA_DIR: dataDir,
    CREDENCE_EVENT_STORE: 'sqlite',
    DATABASE_URL: target.databaseUrl() ?? '',
    HEALTH_PORT: '0',
  });
  /** The lowest checkpoint, as a count of events projected (0 before the first batch). */
  const progress = async () => {
    const checkpoints = [...(await readCheckpoints(rm.any, '', PROJECTION_NAMES)).values()];
    return Math.min(...checkpoints.map((c) => (c === null ? 0 : Number(c))));
  };
  /** Polls the database, not the child: the state a crash leaves behind is what counts. */
  const killWhenPast = async (child: Child, fraction: number) => {
    while ((await progress()) < head * fraction) {
      if (child.process.exitCode !== null)
        throw new Error(`child exited early (${child.process.exitCode}): ${child.output()}`);
      await sleep(5);
    }
    await killHard(child);
    return progress();
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'credence-crash-'));
    store = SqliteEventStore.open({ path: join(dataDir, 'events.sqlite') });
    workload = await appendWorkload(store, 800);
    head = Number(await store.headPosition());
    rm = await ReadModelDatabase.open({ databaseUrl: target.databaseUrl(), dataDir });
    await migrateTableSet(rm);
  });
  afterAll(async () => {
    await rm?.close();
    await store?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('leaves no gap and no double count: every count is exact after a restart', async () => {
    expect(head).toBe(workload.events);

    const rebuild = runEntry('apps/cli/src/main.ts', ['projections', 'rebuild', '--batch-size', '5'], env());
    const afterFirstKill = await killWhenPast(rebuild, 0.2);
    expect(afterFirstKill).toBeGreaterThan(0);
    expect(afterFirstKill).toBeLessThan(head);

    const resumed = runEntry('apps/projector/src/main.ts', ['--batch-size', '5'], env());
    const afterSecondKill = await killWhenPast(resumed, 0.6);
    expect(afterSecondKill).toBeGreaterThanOrEqual(afterFirstKill);
    expect(afterSecondKill).toBeLessThan(head);

    const finisher = runEntry('apps/projector/src/main.ts', [], env());
    while ((await progress()) < head) {
      if (finisher.process.exitCode !== null) throw new Error(`projector exited: ${finisher.output()}`);
      await sleep(20);
    }
    finisher.process.kill('SIGTERM');
    expect(await finisher.exited).toBe(0);

    const checkpoints = await readCheckpoints(rm.any, '', PROJECTION_NAMES);
    for (const position of checkpoints.values()) expect(comparePositions(position, String(head))).toBe(0);
    expect(await dumpTables(rm)).toEqual(await expectedTables(store));
    for (const issuerId of WORKLOAD_ISSUERS) {
      const report = (await issuerCompliance(rm.db, issuerId, Date.now()))!;
      const counted = Object.fromEntries(
        report.rulesets.map(
          ({ key, credentials: { notYetValid: _n, ...credentials }, refusedByRule, warningsByRule }) => [
            key,
            { ...credentials, refusedByRule, warningsByRule },
          ],
        ),
      );
      expect(counted).toEqual(workload.expected[issuerId]);
    }
  });
});
