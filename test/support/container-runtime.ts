import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

/**
 * Asks testcontainers itself whether a container runtime answers (a `docker` CLI without an engine
 * does not count). Jest must choose between `describe` and `describe.skip` while loading the file,
 * before anything async can run, so the probe runs in a child process. Cached per test file.
 */
const PROBE = `require('testcontainers').getContainerRuntimeClient().then(
  () => process.exit(0),
  (error) => { process.stderr.write(String(error && error.message)); process.exit(1); })`;

let cached: string | null | undefined;

/** null when a runtime answers, else why not. */
export const containerRuntimeMissing = (): string | null => {
  if (cached !== undefined) return cached;
  try {
    execFileSync(process.execPath, ['-e', PROBE], {
      cwd: resolve(__dirname, '../..'),
      stdio: 'pipe',
      timeout: 30_000,
    });
    cached = null;
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    cached = `no container runtime (${stderr || (error as Error).message})`;
  }
  return cached;
};

/** The one line a skipped suite prints: visible in jest output, without a stack trace. */
export const announceSkip = (suite: string, reason: string): void => {
  process.stderr.write(`[skipped] ${suite}: ${reason}\n`);
};
