/**
 * The bulk path's CPU profile (issue 14): ledger-api on a fresh data dir, as `npm run bench` starts it,
 * with `--cpu-prof`; a warm-up batch of `--warmup` rows, then a measured batch of `--rows` rows (the
 * rows of scenario 10), polled every 100 ms, nothing else running beside it. Writes the profiles and
 * `window.json` to `--out`, then prints the main thread's table by layer (classify.ts), per row.
 *
 *   node --import ./scripts/register-ts.mjs bench/profile/batch.ts --out /tmp/prof-batch
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { csvOf, goodRow, uploadBatch } from '../../test/support/cohort';
import type { App } from '../harness/processes';
import { clientFor, setUpWorld, type World } from '../scenarios/api/world';
import { profileApp } from './window';

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: join(tmpdir(), 'credence-profile-batch') },
    rows: { type: 'string', default: '10000' },
    warmup: { type: 'string', default: '1000' },
    'no-profile': { type: 'boolean', default: false },
    frames: { type: 'boolean', default: false },
    'keep-data': { type: 'boolean', default: false },
  },
});

/** Uploads `rows` rows numbered from `first`, polls until the batch is done; the rows issued. */
const batch = async (app: App, world: World, first: number, rows: number): Promise<number> => {
  const client = clientFor(app.baseUrl);
  const token = world.issuerToken;
  const csv = csvOf(Array.from({ length: rows }, (_, i) => goodRow(world.specificationId, first + i)));
  const accepted = await uploadBatch(app.baseUrl, token, csv, `profile-batch-${first}-${Date.now()}`);
  if (accepted.status !== 202) throw new Error(`upload: ${accepted.status} ${JSON.stringify(accepted.body)}`);
  const progress = `/v1/credential-batches/${accepted.body.id}?results=false`;
  for (;;) {
    const reply = await client.request('GET', progress, { token });
    if (reply.body?.status === 'done') return reply.body.issued as number;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

const rows = Number(values.rows);
const warmup = Number(values.warmup);
let world: World;

void profileApp(
  { out: values.out, profile: !values['no-profile'], frames: values.frames, keepData: values['keep-data'] },
  {
    prepare: async (app) => {
      world = await setUpWorld(clientFor(app.baseUrl));
      await batch(app, world, 1, warmup);
    },
    measure: async (app) => {
      const started = performance.now();
      const issuances = await batch(app, world, warmup + 1, rows);
      return { issuances, rowsPerSecond: Math.round(issuances / ((performance.now() - started) / 1000)) };
    },
  },
);
