import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const ROOT = resolve(__dirname, '../..');
const run = promisify(execFile);

/** Calls one export of the ESM script in a child process (jest here runs CommonJS) and parses its JSON. */
const call = async (expression: string): Promise<unknown> => {
  const { stdout } = await run(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `import * as m from './scripts/native-addon.mjs'; console.log(JSON.stringify(${expression}) ?? 'null')`,
    ],
    { cwd: ROOT },
  );
  return JSON.parse(stdout);
};

describe('scripts/native-addon.mjs (postinstall)', () => {
  it('given this install, when it runs, then better-sqlite3 loads and it exits 0 without rebuilding', async () => {
    const { stdout, stderr } = await run(process.execPath, ['scripts/native-addon.mjs'], { cwd: ROOT });
    expect(`${stdout}${stderr}`).not.toContain('rebuilding');
  });

  it('given the messages Node prints for an addon built for another Node, then each asks for a rebuild, and other failures do not', async () => {
    const verdicts = await call(`[
      "Error: Module did not self-register: '/x/better_sqlite3.node'.",
      "was compiled against a different Node.js version using NODE_MODULE_VERSION 115. This version of Node.js requires NODE_MODULE_VERSION 137.",
      "code: 'ERR_DLOPEN_FAILED'",
      "Error: Cannot find module 'better-sqlite3'",
    ].map(m.isBuiltForAnotherNode)`);
    expect(verdicts).toEqual([true, true, true, false]);
  });

  it('given a Node install with its headers beside it, then its root is found; without them, none is', async () => {
    const withHeaders = mkdtempSync(join(tmpdir(), 'node-install-'));
    mkdirSync(join(withHeaders, 'include', 'node'), { recursive: true });
    writeFileSync(join(withHeaders, 'include', 'node', 'node.h'), '');
    const without = mkdtempSync(join(tmpdir(), 'node-install-'));
    const roots = await call(
      `[m.ownHeadersRoot(${JSON.stringify(join(withHeaders, 'bin', 'node'))}), m.ownHeadersRoot(${JSON.stringify(join(without, 'bin', 'node'))})]`,
    );
    expect(roots).toEqual([withHeaders, null]);
  });
});
