import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { type App, startApp, waitUntilIdle } from '../harness/processes';
import { ledgerEnv } from '../scenarios/api/sessions';
import { classifyFiles } from './classify';
import { threadTimes } from './threads';

/** The clock V8's profiler stamps samples with (CLOCK_MONOTONIC, µs), as libuv's hrtime reads it. */
const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);

/**
 * Runs `work` against the app at `pid` and describes it as classify.ts reads it: the window on the
 * profiles' clock, what `work` reports (`issuances` done, and any figures of its own), the load
 * average before and after, and each thread's CPU µs per issuance (from /proc, per thread).
 */
const measuredWindow = async <T extends { issuances: number }>(pid: number, work: () => Promise<T>) => {
  const loadBefore = loadavg();
  const before = threadTimes(pid);
  const startUs = monotonicUs();
  const result = await work();
  const endUs = monotonicUs();
  const after = threadTimes(pid);
  return {
    startUs,
    endUs,
    ...result,
    loadAverage: [loadBefore, loadavg()],
    pid,
    threadsUsPerIssuance: Object.fromEntries(
      Object.entries(after).map(([name, us]) => [name, ((us - (before[name] ?? 0)) / result.issuances) | 0]),
    ),
  };
};

export type ProfileOptions = Readonly<{
  out: string;
  profile: boolean;
  frames: boolean;
  /** Keeps the app's data dir (printed) to inspect its files afterwards. */
  keepData?: boolean;
  /** More node flags for the app (allocations.ts: the inspector). */
  nodeArgs?: readonly string[];
}>;

export type ProfiledWork<T> = Readonly<{
  /** Unmeasured: the world, warm-up loads. */
  prepare: (app: App) => Promise<void>;
  /** The measured window's work. */
  measure: (app: App) => Promise<T>;
}>;

/**
 * ledger-api on a fresh data dir, as `npm run bench` starts it, with `--cpu-prof` unless told not to;
 * `prepare`, then a quiet moment, then `measure`. Writes `window.json` beside the profiles in `out`
 * and prints the main thread's table by layer (classify.ts) once the app has exited.
 */
export const profileApp = async <T extends { issuances: number }>(
  options: ProfileOptions,
  work: ProfiledWork<T>,
): Promise<void> => {
  mkdirSync(options.out, { recursive: true });
  for (const name of readdirSync(options.out))
    if (name.endsWith('.cpuprofile')) rmSync(join(options.out, name));
  const dataDir = mkdtempSync(join(tmpdir(), 'credence-profile-data-'));
  const profiling = options.profile ? ['--cpu-prof', `--cpu-prof-dir=${options.out}`] : [];
  const app = await startApp('apps/ledger-api/src/main.ts', ledgerEnv(process.env, dataDir), 120_000, [
    ...profiling,
    ...(options.nodeArgs ?? []),
  ]);
  try {
    await work.prepare(app);
    await waitUntilIdle(app.pid, 60);
    const window = await measuredWindow(app.pid, () => work.measure(app));
    writeFileSync(join(options.out, 'window.json'), JSON.stringify(window, null, 2));
    console.error(JSON.stringify(window, null, 2));
  } finally {
    // A normal exit (SIGTERM: drain, close, exit 0) is what writes the profiles.
    await app.stop();
    if (options.keepData) console.error(`data dir kept: ${dataDir}`);
    else rmSync(dataDir, { recursive: true, force: true });
  }
  if (options.profile) console.log(classifyFiles(options.out, { frames: options.frames }));
};
