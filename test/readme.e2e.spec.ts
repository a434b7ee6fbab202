import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ENV_VARS } from '@credence/config';
import { ADMIN_TOKEN, startLedger, type TestLedger } from './support/ledger-app';

const root = resolve(__dirname, '..');
const readme = readFileSync(resolve(root, 'README.md'), 'utf8');

describe('The README stays true', () => {
  it('documents every environment variable the apps read', () => {
    const documented = [...readme.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1]);
    expect(documented.sort()).toEqual(ENV_VARS.map((v) => v.name).sort());
  });

  it('names the two commands, and package.json defines them', () => {
    expect(readme).toContain('npm ci && npm start');
    expect(readme).toContain('npm test ');
    const scripts = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')).scripts;
    expect(scripts.start).toBeDefined();
    expect(scripts.test).toMatch(/^jest/);
  });

  describe('the curl walk-through', () => {
    let ledger: TestLedger;
    beforeAll(async () => (ledger = await startLedger()));
    afterAll(() => ledger.close());

    // Asynchronous: the server under test runs in this very process.
    it('runs against a fresh ledger and ends with a revoked credential whose chain verifies', async () => {
      const { stdout: output } = await promisify(execFile)(
        'bash',
        [resolve(root, 'scripts/walkthrough.sh')],
        {
          env: { ...process.env, ADMIN: ADMIN_TOKEN, BASE: ledger.baseUrl },
          encoding: 'utf8',
        },
      );
      const lines = output.trim().split('\n');
      expect(lines).toEqual(expect.arrayContaining(['suspended', 'active', 'revoked']));
      expect(output).toMatch(/'id': 'eu-microcredentials', 'version': '2022-r2'/);
      expect(lines.at(-1)).toMatch(/^\{"ok":true,"streamId":"credential-[^"]+","events":4,/);
    });
  });
});
