import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

const ROOT = resolve(__dirname, '../..');

/**
 * `npm start` builds with `nest build`, which compiles everything tsconfig.build.json includes: a
 * test helper outside a `testing/` folder (once libs/ledger/src/reactions/reactor-world.ts) pulled
 * the jest-typed contract suites into the build, and `npm start` failed while every test passed.
 */
describe('tsconfig.build.json (what `npm start` and the image compile)', () => {
  it('type-checks without errors: no test-only code reaches the build', async () => {
    const tsc = require.resolve('typescript/bin/tsc');
    const run = promisify(execFile)(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--noEmit'], {
      cwd: ROOT,
      maxBuffer: 16 * 1024 * 1024,
    });
    await expect(run).resolves.toMatchObject({ stdout: '' });
  }, 180_000);
});
