import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const repo = join(__dirname, '..', '..');
const dataDir = mkdtempSync(join(tmpdir(), 'credence-bin-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** What a newcomer types after `npm ci`; the data dir is the only thing set, to keep the repo clean. */
const credence = (launcher: 'npm' | 'npx', args: readonly string[], env: NodeJS.ProcessEnv = {}) =>
  run(
    launcher,
    launcher === 'npm' ? ['run', '-s', 'credence', '--', ...args] : ['--offline', 'credence', ...args],
    {
      cwd: repo,
      env: { ...process.env, CREDENCE_DATA_DIR: dataDir, ...env },
    },
  );

describe('the credence command on a checkout, without a build', () => {
  it.each(['npm', 'npx'] as const)(
    'given `%s`, prints the help with every command group',
    async (launcher) => {
      const { stdout } = await credence(launcher, ['--help']);
      expect(stdout).toMatch(/^Usage: credence/);
      for (const group of ['rules', 'feed', 'projections']) expect(stdout).toContain(group);
    },
    60_000,
  );

  it('given no settings, opens the embedded store and reports the read models', async () => {
    const { stdout } = await credence('npx', ['projections', 'status']);
    expect(stdout).toContain('log head: (empty)');
    expect(existsSync(join(dataDir, 'events.sqlite'))).toBe(true);
  }, 60_000);

  it('given an invalid store setting, stops with a message that names it', async () => {
    const failed = await credence('npx', ['projections', 'status'], { CREDENCE_EVENT_STORE: 'bogus' }).catch(
      (error: unknown) => error,
    );
    expect(failed).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('CREDENCE_EVENT_STORE must be one of sqlite, eventstoredb'),
    });
  }, 60_000);
});
