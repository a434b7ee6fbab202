import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

const ROOT = resolve(__dirname, '../../..');

// What the API's module graph (and the projector thread's) loads, in a fresh process: jest's own
// module registry would not tell what node itself keeps resident.
const LOADED_CLIENTS = `
require('./apps/ledger-api/src/app.module.ts');
require('./libs/config/src/index.ts');
require('./libs/projections/src/index.ts');
const clients = new Set(Object.keys(require.cache)
  .map((path) => /node_modules\\/(kafkajs|pg)\\//.exec(path)?.[1])
  .filter(Boolean));
console.log(JSON.stringify([...clients].sort()));
`;

describe('ledger-api on its own (no relay, read models in SQLite)', () => {
  it('loads neither kafkajs nor pg: each is required where a relay or a PostgreSQL pool is built', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', './scripts/register-ts.mjs', '-e', LOADED_CLIENTS],
      { cwd: ROOT, env: { ...process.env, NODE_OPTIONS: '' } },
    );
    expect(JSON.parse(stdout)).toEqual([]);
  });
});
