import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { sqliteEventsPath } from '@credence/event-store';
import { openDurableDatabase } from '@credence/sqlite';
import { buildEmbeddedTree, embeddedTreeHook } from '@credence/transparency';
import { atLeast, type Figure, measured, ratioAtLeast } from '../../harness/figure';
import type { Scenario, ScenarioContext } from '../../harness/scenario';
import { nowMs } from '../../harness/stats';
import { credentialWorkload } from '../../workload/credential-events';
import { storeWriters } from '../append/store';
import { bareSha256Loop, buildTreeFile, measureProofs } from './proofs';

const SCENARIO = '8. Transparency log';

/** Without and with the tree, twice each, alternating, so a load spike does not hit one side only. */
const appendOverhead = async (context: ScenarioContext, dir: string) => {
  const { append: size } = context.sizes;
  const timing = { seconds: size.seconds / 2, warmupSeconds: size.warmupSeconds };
  const runs = { without: [] as number[], with: [] as number[] };
  for (let round = 0; round < 2; round++) {
    for (const side of ['without', 'with'] as const) {
      const workload = credentialWorkload({
        streams: size.streams,
        zipfExponent: size.zipfExponent,
        seed: 100 + round,
      });
      const hook = side === 'with' ? embeddedTreeHook() : undefined;
      const result = await storeWriters(
        join(dir, `append-${side}-${round}.sqlite`),
        size.writers,
        workload,
        timing,
        hook,
      );
      runs[side].push(result.recorder.rate());
    }
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  return { without: mean(runs.without), with: mean(runs.with), runs };
};

/** The seeded log copied (its tree must not leak into other scenarios), then its tree built. */
const treeBuild = async (context: ScenarioContext, dir: string) => {
  const seeded = await context.seededLog();
  const copy = join(dir, 'upgrade');
  mkdirSync(copy, { recursive: true });
  for (const suffix of ['', '-wal']) {
    const from = sqliteEventsPath(seeded.dataDir) + suffix;
    if (existsSync(from)) copyFileSync(from, sqliteEventsPath(copy) + suffix);
  }
  const reader = new Database(sqliteEventsPath(copy), { readonly: true });
  const hashes = reader.prepare<[], string>('SELECT hash FROM events ORDER BY global_position').pluck().all();
  reader.close();
  const inputs = hashes.map((h) => Buffer.concat([Buffer.of(0), Buffer.from(h, 'hex')]));
  const bare = bareSha256Loop(inputs);
  const db = openDurableDatabase({ path: sqliteEventsPath(copy) });
  try {
    const started = nowMs();
    const leaves = buildEmbeddedTree(db);
    return { leaves, perSecond: leaves / ((nowMs() - started) / 1000), bare };
  } finally {
    db.close();
  }
};

const run = async (context: ScenarioContext): Promise<Figure[]> => {
  const dir = join(context.workDir, 'tlog');
  mkdirSync(dir, { recursive: true });
  const { append: size, tlog } = context.sizes;

  context.log(`append with and without the tree, ${size.writers} writers`);
  const append = await appendOverhead(context, dir);
  context.log(`a tree of ${tlog.proofTreeSize.toLocaleString('en-US')} leaves for inclusion proofs`);
  const treeFile = join(dir, 'proofs.sqlite');
  buildTreeFile(treeFile, tlog.proofTreeSize);
  const proofs = measureProofs(treeFile, tlog.proofTreeSize, tlog.proofSeconds);
  context.log('building the tree of the seeded log');
  const build = await treeBuild(context, dir);

  return [
    measured({
      scenario: SCENARIO,
      figure: `durable append with the tree · ${size.writers} writers, events/s`,
      value: append.with,
      unit: 'events/s',
      baseline: { name: 'the same store without the tree', value: append.without },
      goal: ratioAtLeast(0.9, 'without the tree'),
      conditions: {
        writers: size.writers,
        streams: size.streams,
        secondsPerRun: size.seconds / 2,
        runs: append.runs,
      },
    }),
    measured({
      scenario: SCENARIO,
      figure: `inclusion proofs at tree size ${tlog.proofTreeSize.toLocaleString('en-US')}, proofs/s`,
      value: proofs.fromFile,
      unit: 'proofs/s',
      baseline: { name: 'same proofs, whole tree in memory', value: proofs.fromMemory },
      goal: atLeast(20_000, '/s'),
      conditions: {
        treeSize: tlog.proofTreeSize,
        seconds: tlog.proofSeconds,
        leaves: 'uniformly random',
        storage: 'SQLite strips of 32 nodes, full strips cached (≤ 8 MiB)',
      },
    }),
    measured({
      scenario: SCENARIO,
      figure: `tree build from an existing log of ${build.leaves.toLocaleString('en-US')} events, leaves/s`,
      value: build.perSecond,
      unit: 'leaves/s',
      baseline: { name: 'bare SHA-256 loop over the same hashes', value: build.bare },
      goal: atLeast(500_000, '/s'),
      conditions: {
        events: build.leaves,
        chunk: 100_000,
        note: 'reads the events table, 2 SHA-256 per leaf (leaf + node), writes every level',
      },
    }),
  ];
};

export const tlogScenario: Scenario = { ids: ['8'], title: SCENARIO, run };
