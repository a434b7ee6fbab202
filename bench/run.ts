/**
 * `npm run bench [-- --full | --size tiny] [--only 1,6] [--results-dir dir]`
 *
 * Runs every scenario beside its baseline or peer, prints a markdown table and writes
 * bench/results/<timestamp>.json. Absolute numbers on a shared machine drift; the ratios, measured
 * in the same run, are what to compare.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type Figure, missing } from './harness/figure';
import { machineConditions } from './harness/machine';
import { stopAllChildren } from './harness/processes';
import { markdownTable, type RunResult, writeResult } from './harness/report';
import type { ScenarioContext } from './harness/scenario';
import { type SizeName, SIZES } from './harness/sizes';
import { SCENARIOS } from './scenarios';
import { seedLog, type SeededLog } from './workload/seed-log';

const parse = () => {
  const { values } = parseArgs({
    options: {
      full: { type: 'boolean', default: false },
      size: { type: 'string' },
      only: { type: 'string' },
      'results-dir': { type: 'string', default: join(__dirname, 'results') },
    },
  });
  const size = (values.size ?? (values.full ? 'full' : 'quick')) as SizeName;
  if (!(size in SIZES)) throw new Error(`--size must be one of ${Object.keys(SIZES).join(', ')}`);
  const only = values.only?.split(',').map((s) => s.trim());
  return { sizes: SIZES[size], only, resultsDir: values['results-dir'] };
};

const once = <T>(make: () => Promise<T>): (() => Promise<T>) => {
  let made: Promise<T> | undefined;
  return () => (made ??= make());
};

const main = async () => {
  const { sizes, only, resultsDir } = parse();
  const startedAt = new Date().toISOString();
  const machine = machineConditions();
  const workDir = mkdtempSync(join(tmpdir(), 'credence-bench-'));
  const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);
  const context: ScenarioContext = {
    sizes,
    workDir,
    env: process.env,
    log,
    seededLog: once((): Promise<SeededLog> => {
      log(`seeding a log of ${sizes.log.events.toLocaleString('en-US')} events`);
      return seedLog(join(workDir, 'seeded'), sizes.log.events, log);
    }),
  };
  const figures: Figure[] = [];
  try {
    for (const scenario of SCENARIOS.filter((s) => !only || s.ids.some((id) => only.includes(id)))) {
      log(`${scenario.title}…`);
      try {
        figures.push(...(await scenario.run(context)));
      } catch (error) {
        log(`${scenario.title} failed: ${(error as Error).stack ?? error}`);
        figures.push(
          missing('failed', {
            scenario: scenario.title,
            figure: 'scenario',
            unit: '',
            reason: (error as Error).message,
          }),
        );
      }
    }
  } finally {
    await stopAllChildren();
    rmSync(workDir, { recursive: true, force: true });
  }
  // The table reads in the order, whatever order the scenarios ran in.
  figures.sort((a, b) => a.scenario.localeCompare(b.scenario, 'en', { numeric: true }));
  const result: RunResult = {
    startedAt,
    finishedAt: new Date().toISOString(),
    size: sizes.name,
    machine,
    figures,
  };
  process.stdout.write(`${markdownTable(result)}\n`);
  log(`results: ${writeResult(resultsDir, result)}`);
  if (figures.some((f) => f.status === 'failed')) process.exitCode = 1;
};

main().catch(async (error: unknown) => {
  console.error(error);
  await stopAllChildren();
  process.exit(1);
});
