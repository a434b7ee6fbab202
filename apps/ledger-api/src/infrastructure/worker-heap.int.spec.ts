import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..', '..');

/** The young generation (MB) each isolate grew, in a process started as ledger-api is (the launcher's flags). */
const youngGenerations = (...args: string[]): { mainMb: number; workerMb: number } => {
  const run = spawnSync(
    'sh',
    [
      join(ROOT, 'scripts', 'ledger-api.sh'),
      '--import',
      join(ROOT, 'scripts', 'register-ts.mjs'),
      join(ROOT, 'test', 'support', 'fixtures', 'worker-young-generation.ts'),
      ...args,
    ],
    { cwd: ROOT, env: { PATH: process.env.PATH, NODE: process.execPath }, encoding: 'utf8' },
  );
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return JSON.parse(run.stdout) as { mainMb: number; workerMb: number };
};

describe('sizeWorkerYoungGenerations', () => {
  it("given the launcher's flags alone, when a worker thread churns, then it grows the main thread's 32 MB young generation", () => {
    // Why the sizing exists: the launcher's flag wins over a Worker's resourceLimits.
    expect(youngGenerations()).toEqual({ mainMb: 32, workerMb: 32 });
  });

  it('given the worker sizing at start, when both threads churn, then the worker stays at 8 MB and the main thread keeps 32 MB', () => {
    expect(youngGenerations('sized')).toEqual({ mainMb: 32, workerMb: 8 });
  });
});
