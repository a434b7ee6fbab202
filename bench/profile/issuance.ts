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
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { load } from '../harness/http';
import { startApp, waitUntilIdle } from '../harness/processes';
import { ledgerEnv } from '../scenarios/api/sessions';
import {
  clientFor,
  issueCredentials,
  recordAssessments,
  setUpWorld,
  type World,
} from '../scenarios/api/world';
import { classifyFiles } from './classify';
import { threadTimes } from './threads';

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
if (values.read !== undefined && !['credential', 'status'].includes(values.read))
  throw new Error(`--read takes credential or status, not ${values.read}`);
const measured = Number(values.issuances);
const warmup = Number(values.warmup);
const connections = Number(values.connections);
const out = values.out;
mkdirSync(out, { recursive: true });
for (const name of readdirSync(out)) if (name.endsWith('.cpuprofile')) rmSync(join(out, name));

/** The clock V8's profiler stamps samples with (CLOCK_MONOTONIC, µs), as libuv's hrtime reads it. */
const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);

type Client = ReturnType<typeof clientFor>;

/** Keyed issuances, each citing its own passed assessment (as scenario 2). */
const issuances = async (client: Client, world: World) => {
  const pool = await recordAssessments(client, world, warmup + measured);
  let cited = 0;
  let key = 0;
  const run = `profile-${Date.now()}`;
  return {
    method: 'POST' as const,
    path: '/v1/credentials',
    headers: { authorization: `Bearer ${world.issuerToken}`, 'content-type': 'application/json' },
    body: () => JSON.stringify({ ...world.issueBody, assessmentIds: [pool[cited++]] }),
    perRequestHeaders: () => ({ 'idempotency-key': `${run}-${key++}` }),
  };
};

/** Reads of 200 issued credentials in turn (as scenario 3): the credential, or its status now. */
const reads = async (client: Client, world: World, read: string) => {
  const ids = await issueCredentials(client, world, 200);
  const at = encodeURIComponent(new Date().toISOString());
  const suffix = read === 'status' ? `/status?at=${at}` : '';
  let next = 0;
  return {
    method: 'GET' as const,
    path: () => `/v1/credentials/${ids[next++ % ids.length]}${suffix}`,
    headers: { authorization: `Bearer ${world.issuerToken}` },
  };
};

const main = async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'credence-profile-data-'));
  const profiling = values['no-profile'] ? [] : ['--cpu-prof', `--cpu-prof-dir=${out}`];
  const app = await startApp(
    'apps/ledger-api/src/main.ts',
    ledgerEnv(process.env, dataDir),
    120_000,
    profiling,
  );
  try {
    const client = clientFor(app.baseUrl);
    const world = await setUpWorld(client);
    const request = values.read ? await reads(client, world, values.read) : await issuances(client, world);
    const options = { connections, seconds: 600, warmupSeconds: 0 };
    await load(app.baseUrl, request, { ...options, amount: warmup });
    await waitUntilIdle(app.pid, 60);
    const loadBefore = loadavg();
    const before = threadTimes(app.pid);
    const startUs = monotonicUs();
    const result = await load(app.baseUrl, request, { ...options, amount: measured });
    const endUs = monotonicUs();
    const after = threadTimes(app.pid);
    const window = {
      startUs,
      endUs,
      issuances: result.ok,
      non2xx: result.non2xx,
      requestsPerSecond: result.requestsPerSecond,
      p99Ms: result.p99Ms,
      loadAverage: [loadBefore, loadavg()],
      pid: app.pid,
      // CPU µs per issuance by thread name over the window (/proc/<pid>/task/*/stat).
      threadsUsPerIssuance: Object.fromEntries(
        Object.entries(after).map(([name, us]) => [name, ((us - (before[name] ?? 0)) / result.ok) | 0]),
      ),
    };
    writeFileSync(join(out, 'window.json'), JSON.stringify(window, null, 2));
    console.error(JSON.stringify(window, null, 2));
  } finally {
    // A normal exit (SIGTERM: drain, close, exit 0) is what writes the profiles.
    await app.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  if (!values['no-profile']) console.log(classifyFiles(out, { frames: values.frames }));
};

void main();
