/**
 * The issuance path's CPU profile (issue 20): ledger-api on a fresh data dir (embedded projector and
 * reactors on, as `npm run bench` starts it) with `--cpu-prof`, `POST /v1/credentials` with an
 * Idempotency-Key at 64 connections, each request citing its own passed assessment (as scenario 2
 * does), `--issuances` measured after `--warmup` unmeasured. Writes the profiles and `window.json`
 * (the measured window on the profiles' clock, issuances answered, each thread's CPU over the
 * window) to `--out`, then prints the main thread's table by layer (classify.ts).
 *
 *   node --import ./scripts/register-ts.mjs bench/profile/issuance.ts --out /tmp/prof
 *
 * `--read credential` (or `--read status`) profiles `GET /v1/credentials/{id}` (or its status at an
 * instant) instead, over 200 issued credentials as scenario 3 reads them; its figures are then per
 * request, where the table says per issuance.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { load, type LoadRequest } from '../harness/http';
import { loadOptions, readKind, warmedRequests } from './requests';
import { profileApp } from './window';

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: join(tmpdir(), 'credence-profile') },
    issuances: { type: 'string', default: '6000' },
    warmup: { type: 'string', default: '1000' },
    connections: { type: 'string', default: '64' },
    'no-profile': { type: 'boolean', default: false },
    frames: { type: 'boolean', default: false },
    read: { type: 'string' },
  },
});
const read = readKind(values.read);
const measured = Number(values.issuances);
const warmup = Number(values.warmup);
const connections = Number(values.connections);
const out = values.out;

let request: LoadRequest;

void profileApp(
  { out, profile: !values['no-profile'], frames: values.frames },
  {
    prepare: async (app) => {
      request = await warmedRequests(app, { read, warmup, measured, connections });
    },
    measure: async (app) => {
      const result = await load(app.baseUrl, request, { ...loadOptions(connections), amount: measured });
      return {
        issuances: result.ok,
        non2xx: result.non2xx,
        requestsPerSecond: result.requestsPerSecond,
        p99Ms: result.p99Ms,
      };
    },
  },
);
