import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { hashLink } from '@credence/event-store';
import { sampleLink } from './fixtures/sample-link';

const ROOT = resolve(__dirname, '../..');

describe('scripts/register-ts.mjs', () => {
  it("runs a TypeScript entry point with path aliases, extensionless imports and decorator metadata, without Node's type stripper", async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', './scripts/register-ts.mjs', join('test/support/fixtures/register-ts-fixture.ts')],
      { cwd: ROOT },
    );
    const printed = JSON.parse(stdout) as Record<string, unknown>;
    expect(printed).toEqual({
      position: '42',
      // The same function as seen by jest: the alias resolved to the real library.
      hash: hashLink(sampleLink),
      greeting: 'hello ledger',
      paramTypes: ['Greeter'],
      sqliteAdapter: 'function',
      // The entry point is resolved by the hook too: left to Node, a .ts entry loaded amaro
      // (swc in WebAssembly, tens of MB resident) though the hook transpiled the file anyway.
      nodeTypeStripperLoaded: false,
    });
  });

  describe('its transpile cache, filled ahead (the bench does before it starts ledger-api)', () => {
    let dir: string;
    const run = promisify(execFile);

    // A file at a path of its own: no cache entry can exist for it yet. It says whether the process
    // that ran it had to load TypeScript.
    const newEntryPoint = (name: string): string => {
      const path = join(dir, `${name}.ts`);
      writeFileSync(
        path,
        "const typescriptLoaded: boolean = Object.keys(require.cache).some((p) => p.includes('/node_modules/typescript/'));\n" +
          'process.stdout.write(JSON.stringify({ typescriptLoaded }));\n',
      );
      return path;
    };
    const runThroughHook = async (path: string) =>
      JSON.parse(
        (await run(process.execPath, ['--import', './scripts/register-ts.mjs', path], { cwd: ROOT })).stdout,
      ) as {
        typescriptLoaded: boolean;
      };
    const fillCache = async (path: string): Promise<number> => {
      const script = `import('./scripts/transpile-cache.mjs').then((m) => process.stdout.write(String(m.fillTranspileCache([${JSON.stringify(path)}]))))`;
      return Number((await run(process.execPath, ['-e', script], { cwd: ROOT })).stdout);
    };

    beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'register-ts-cache-'))));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('given a file not in the cache, when a process runs it, then that process loads TypeScript', async () => {
      expect(await runThroughHook(newEntryPoint('cold'))).toEqual({ typescriptLoaded: true });
    });

    it('given the cache filled for a file, when a process runs it, then that process never loads TypeScript', async () => {
      const path = newEntryPoint('warm');
      expect(await fillCache(path)).toBe(1);
      expect(await fillCache(path)).toBe(0);
      expect(await runThroughHook(path)).toEqual({ typescriptLoaded: false });
    });
  });
});
