import { execFile } from 'node:child_process';
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
});
