import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** scripts/ledger-api.sh, the one place node's flags for ledger-api live (npm start, Docker, bench). */
const LAUNCHER = join(__dirname, '..', '..', 'scripts', 'ledger-api.sh');

/** Runs a one-line script through the launcher and returns what node was started with. */
const startedWith = (): string[] => {
  const run = spawnSync('sh', [LAUNCHER, '-e', 'process.stdout.write(JSON.stringify(process.execArgv))'], {
    env: { PATH: process.env.PATH, NODE: process.execPath },
    encoding: 'utf8',
  });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return JSON.parse(run.stdout) as string[];
};

describe('scripts/ledger-api.sh', () => {
  it('given the launcher, when node starts through it, then the scavenger runs on the main thread alone', () => {
    // A request's garbage dies young, so a scavenge is sub-millisecond work; in parallel the main
    // thread also waits for helper threads that two busy cores often do not run (issue 20).
    expect(startedWith()).toContain('--no-parallel-scavenge');
  });

  it('given the launcher, when node starts through it, then V8 allocates no site straight into the old generation', () => {
    // A per-request object born in the old generation kept everything young it pointed to alive
    // until the next full GC: a GET's request and response promoted, 40-70% more CPU a GET (issue 20).
    expect(startedWith()).toContain('--no-allocation-site-pretenuring');
  });

  it('given the launcher, when node starts through it, then the young generation keeps its 16 MB cap', () => {
    expect(startedWith()).toContain('--max-semi-space-size=16');
  });
});
