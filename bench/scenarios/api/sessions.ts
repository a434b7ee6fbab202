import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { join } from 'node:path';
import { ADMIN_TOKEN } from '../../../test/support/ledger-app';
import { load, type LoadOptions, type LoadRequest, type LoadResult } from '../../harness/http';
import { freePort } from '../../../libs/feed/src/testing/relay-process';
import {
  type App,
  type MemoryParts,
  memoryParts,
  peakResident,
  residentMb,
  residentParts,
  startApp,
  waitUntilIdle,
} from '../../harness/processes';
import type { ScenarioContext } from '../../harness/scenario';
import { nowMs } from '../../harness/stats';
import { clientFor, issueCredentials, recordAssessments, setUpWorld } from './world';

const ROOT = join(__dirname, '..', '..', '..');

export type Rest = Readonly<{
  startupMs: number;
  /** Whether (and after how long) the process went idle: its start-up catch-up was over. */
  settled: Readonly<{ settled: boolean; seconds: number }>;
  restMb: number | null;
  parts: ReturnType<typeof residentParts>;
  /** Node's own account at rest (ledger-api only: read from its METRICS_PORT). */
  node: MemoryParts | null;
}>;

/** What one app did: start-up, memory at rest and at its peak, and each load it was put under. */
export type Session = Rest &
  Readonly<{
    peakMb: number;
    /** Each load's own peak resident set, MB: which load the peak above came from. */
    peakByLoad: Readonly<Record<string, number>>;
    /** Node's own account at the largest resident set sampled under load (ledger-api only). */
    peakParts: MemoryParts | null;
    issue: LoadResult;
    issueWithoutKey: LoadResult;
    read: LoadResult;
    status: LoadResult | { notLanded: string };
    /** POST /v1/verifications by credentialId, and with an exported credential's JSON (embedded proof). */
    verifyById: LoadResult;
    /** Each credential's first export (built and signed, then stored), one at a time, before verifyById. */
    firstExportsPerSecond: number;
    verifyJson: LoadResult;
  }>;

export type LedgerRun = Readonly<{ firstStart: Rest; restart: Session }>;

/** The ledger's own settings only: no relay (KAFKA_BROKERS), no PostgreSQL, the embedded store. */
export const ledgerEnv = (env: NodeJS.ProcessEnv, dataDir: string): NodeJS.ProcessEnv => {
  const clean = Object.fromEntries(
    Object.entries(env).filter(([name]) => !/^(KAFKA_|DATABASE_URL|ESDB_|CREDENCE_)/.test(name)),
  );
  return {
    ...clean,
    CREDENCE_DATA_DIR: dataDir,
    CREDENCE_ADMIN_TOKEN: ADMIN_TOKEN,
    CREDENCE_RULES_DIR: join(ROOT, 'rules'),
    CREDENCE_EVENT_STORE: 'sqlite',
    // Passed through, so that one tree can A/B the writer's place (bench/README.md, wip/writer).
    ...(env.CREDENCE_SQLITE_WRITER ? { CREDENCE_SQLITE_WRITER: env.CREDENCE_SQLITE_WRITER } : {}),
    // The verification route is public, so rate-limited per client address: autocannon is one address.
    CREDENCE_PUBLIC_RATE_LIMIT: '1000000000',
  };
};

const atRest = async (app: App, context: ScenarioContext, metricsUrl?: string): Promise<Rest> => {
  const settled = await waitUntilIdle(app.pid, context.sizes.memory.settleSeconds);
  return {
    startupMs: app.startupMs,
    settled,
    restMb: residentMb(app.pid),
    parts: residentParts(app.pid),
    node: metricsUrl ? await memoryParts(metricsUrl) : null,
  };
};

/** Runs each load while sampling the app's resident set; returns their results and the peak. */
/** The longest a load waits for the API to go idle after the one before it. */
const IDLE_WAIT_SECONDS = 120;

const underLoad = async (
  app: App,
  options: LoadOptions,
  requests: Record<string, LoadRequest>,
  metricsUrl?: string,
) => {
  let peakParts: MemoryParts | null = null;
  const results: Record<string, LoadResult> = {};
  const peakByLoad: Record<string, number> = {};
  for (const [name, request] of Object.entries(requests)) {
    // Each load starts on an idle API: after 36,000 issuances the embedded projector and reactor
    // work through their events for many seconds, and a load run then measured that catch-up too.
    await waitUntilIdle(app.pid, IDLE_WAIT_SECONDS);
    const sampled = await peakResident(app.pid, () => load(app.baseUrl, request, options), metricsUrl);
    results[name] = sampled.result;
    peakByLoad[name] = sampled.peakMb;
    if (sampled.parts && (!peakParts || sampled.parts.rssMb > peakParts.rssMb)) peakParts = sampled.parts;
  }
  return { results, peakMb: Math.max(0, ...Object.values(peakByLoad)), peakParts, peakByLoad };
};

const largest = (...samples: (MemoryParts | null)[]): MemoryParts | null =>
  samples.reduce<MemoryParts | null>((max, p) => (p && (!max || p.rssMb > max.rssMb) ? p : max), null);

/** A credential status route answers for an unknown credential with a problem, not "Cannot GET". */
const statusRouteLanded = async (baseUrl: string, token: string, id: string): Promise<boolean> => {
  const response = await fetch(`${baseUrl}/v1/credentials/${id}/status?at=${new Date().toISOString()}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return !(response.status === 404 && (await response.text()).includes('Cannot GET'));
};

/** Start-up, rest, then issuance (with and without Idempotency-Key), reads and status reads. */
const measureLedger = async (app: App, context: ScenarioContext, metricsUrl: string): Promise<Session> => {
  const rest = await atRest(app, context, metricsUrl);
  const client = clientFor(app.baseUrl);
  const world = await setUpWorld(client);
  const headers = { authorization: `Bearer ${world.issuerToken}`, 'content-type': 'application/json' };
  const { http } = context.sizes;
  // One assessment backs one credential, so every issuance cites one recorded for it beforehand
  // (a repeated body is refused with 409 after the first credential: that would measure refusals).
  // Each load sends its share of the pool (`amount`), however long that takes; its rate is 2xx
  // answers per second of it.
  const perLoad = http.issuances;
  const warmup = http.warmupSeconds > 0 ? Math.ceil(http.issuances / 2) : 0;
  const pool = await recordAssessments(client, world, warmup + 2 * perLoad);
  let cited = 0;
  const body = () => JSON.stringify({ ...world.issueBody, assessmentIds: [pool[cited++]] });
  const run = `${Date.now()}`;
  let key = 0;
  // Unmeasured: whichever variant ran first used to pay for JIT and cold caches (about a quarter
  // of its throughput in a swapped-order run), so both now start on a warm process.
  if (warmup > 0)
    await load(
      app.baseUrl,
      { method: 'POST', path: '/v1/credentials', headers, body },
      { ...http, seconds: http.warmupSeconds * 2, warmupSeconds: 0, amount: warmup },
    );
  const issuing = await underLoad(
    app,
    { ...http, warmupSeconds: 0, amount: perLoad },
    {
      // A fresh key per request: each one is a new credential, appended, and its answer recorded.
      issue: {
        method: 'POST',
        path: '/v1/credentials',
        headers,
        body,
        perRequestHeaders: () => ({ 'idempotency-key': `bench-${run}-${key++}` }),
      },
      issueWithoutKey: { method: 'POST', path: '/v1/credentials', headers, body },
    },
    metricsUrl,
  );
  const ids = await issueCredentials(client, world, context.sizes.http.readIds);
  let next = 0;
  const readPath = (suffix: string) => () => `/v1/credentials/${ids[next++ % ids.length]}${suffix}`;
  const landed = await statusRouteLanded(app.baseUrl, world.issuerToken, ids[0]);
  const at = encodeURIComponent(new Date().toISOString());
  const reading = await underLoad(
    app,
    context.sizes.http,
    {
      read: { method: 'GET', path: readPath(''), headers },
      ...(landed ? { status: { method: 'GET', path: readPath(`/status?at=${at}`), headers } } : {}),
    },
    metricsUrl,
  );
  // Verification: by id (the stored export, checked in full) and the exported JSON as presented.
  // Each credential is exported once first: verification by id is measured in the steady state,
  // where the export is signed and stored, and the one-off signing is its own figure (it used to
  // fill the by-id load, whose first pass over the ids signed every export under 64 connections).
  const exporting = nowMs();
  for (const id of ids)
    await client.request('GET', `/v1/credentials/${id}/ob3`, { token: world.issuerToken });
  const firstExportsPerSecond = ids.length / ((nowMs() - exporting) / 1000);
  const exported = await client.request('GET', `/v1/credentials/${ids[0]}/ob3`, { token: world.issuerToken });
  const verifying = await underLoad(
    app,
    context.sizes.http,
    {
      verifyById: {
        method: 'POST',
        path: '/v1/verifications',
        headers: { 'content-type': 'application/json' },
        body: () => JSON.stringify({ credentialId: ids[next++ % ids.length] }),
      },
      verifyJson: {
        method: 'POST',
        path: '/v1/verifications',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ credential: exported.body }),
      },
    },
    metricsUrl,
  );
  return {
    ...rest,
    verifyById: verifying.results.verifyById,
    firstExportsPerSecond,
    verifyJson: verifying.results.verifyJson,
    peakMb: Math.max(issuing.peakMb, reading.peakMb, verifying.peakMb),
    peakByLoad: { ...issuing.peakByLoad, ...reading.peakByLoad, ...verifying.peakByLoad },
    peakParts: largest(issuing.peakParts, reading.peakParts, verifying.peakParts),
    issue: issuing.results.issue,
    issueWithoutKey: issuing.results.issueWithoutKey,
    read: reading.results.read,
    status: reading.results.status ?? {
      notLanded: 'GET /v1/credentials/{id}/status is not in ledger-api yet',
    },
  };
};

/**
 * ledger-api on the seeded log, twice. The first start catches up with the whole log (its reactor
 * and embedded projector have no checkpoint yet, as after restoring a backup); the restart is the
 * steady state every later start sees, and is where the loads run.
 */
export const ledgerSession = async (context: ScenarioContext, dataDir: string): Promise<LedgerRun> => {
  // Its Prometheus listener tells node's own account of its memory (heap, external).
  const metricsPort = await freePort();
  const metricsUrl = `http://127.0.0.1:${metricsPort}/metrics`;
  const env = {
    ...ledgerEnv(context.env, dataDir),
    METRICS_PORT: String(metricsPort),
    METRICS_HOST: '127.0.0.1',
  };
  const first = await startApp('apps/ledger-api/src/main.ts', env);
  let firstStart: Rest;
  try {
    firstStart = await atRest(first, context, metricsUrl);
  } finally {
    await first.stop();
  }
  const app = await startApp('apps/ledger-api/src/main.ts', env);
  try {
    return { firstStart, restart: await measureLedger(app, context, metricsUrl) };
  } finally {
    await app.stop();
  }
};

/** The bare NestJS-on-Fastify app under the same loads (its routes do nothing). */
export const bareSession = async (context: ScenarioContext) => {
  const app = await startApp('bench/apps/bare-nest.ts', { ...context.env });
  try {
    const rest = await atRest(app, context);
    const headers = { 'content-type': 'application/json' };
    const body = JSON.stringify({
      specificationId: 'spec',
      learnerId: 'lrn',
      assessmentIds: ['a'],
      validFrom: '2026-01-01T00:00:00Z',
    });
    const { results, peakMb } = await underLoad(app, context.sizes.http, {
      issue: { method: 'POST', path: '/bare', headers, body },
      read: { method: 'GET', path: () => `/bare/${randomUUID()}` },
    });
    return { ...rest, peakMb, issue: results.issue, read: results.read };
  } finally {
    await app.stop();
  }
};

export type ClusterRun = Readonly<{
  workers: number;
  /** Issuances sent (each citing its own assessment): fewer than the single process's load. */
  issuances: number;
  issue: LoadResult;
  read: LoadResult;
  status: LoadResult;
}>;

/** GET on a connection of its own: the cluster's primary hands out connections, not requests. */
const healthOnFreshConnection = (baseUrl: string): Promise<string> =>
  new Promise((resolve) => {
    const call = httpRequest(`${baseUrl}/health`, { agent: false }, (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.on('end', () => resolve(text));
    });
    call.on('error', () => resolve(''));
    call.end();
  });

/** Until a follower answers (its projector is `off`): before that, every connection goes to the leader. */
const followersServing = async (baseUrl: string, timeoutMs = 120_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await healthOnFreshConnection(baseUrl)).includes('"mode":"off"')) return;
    await sleep(200);
  }
  throw new Error('no cluster follower answered /health');
};

/**
 * The same API as CREDENCE_WORKERS=2 (node:cluster) on the same data dir, under the issuance (with
 * Idempotency-Key) and read loads of the restart. Reads can use both cores; appends from both
 * workers queue for SQLite's one write lock. Its pool of issuances is a quarter of the single
 * process's (recording assessments over HTTP is most of this scenario's time).
 */
export const clusterSession = async (
  context: ScenarioContext,
  dataDir: string,
  workers = 2,
): Promise<ClusterRun> => {
  const env = { ...ledgerEnv(context.env, dataDir), CREDENCE_WORKERS: String(workers) };
  const app = await startApp('apps/ledger-api/src/main.ts', env);
  try {
    await followersServing(app.baseUrl);
    const client = clientFor(app.baseUrl);
    const world = await setUpWorld(client);
    const headers = { authorization: `Bearer ${world.issuerToken}`, 'content-type': 'application/json' };
    const { http } = context.sizes;
    const issuances = Math.ceil(http.issuances / 4);
    const warmup = http.warmupSeconds > 0 ? Math.ceil(issuances / 4) : 0;
    const pool = await recordAssessments(client, world, warmup + issuances);
    let cited = 0;
    const body = () => JSON.stringify({ ...world.issueBody, assessmentIds: [pool[cited++]] });
    const run = `cluster-${Date.now()}`;
    let key = 0;
    const issue: LoadRequest = {
      method: 'POST',
      path: '/v1/credentials',
      headers,
      body,
      perRequestHeaders: () => ({ 'idempotency-key': `bench-${run}-${key++}` }),
    };
    if (warmup > 0) await load(app.baseUrl, issue, { ...http, warmupSeconds: 0, amount: warmup });
    const issued = await load(app.baseUrl, issue, { ...http, warmupSeconds: 0, amount: issuances });
    const ids = await issueCredentials(client, world, http.readIds);
    let next = 0;
    const readPath = (suffix: string) => () => `/v1/credentials/${ids[next++ % ids.length]}${suffix}`;
    const at = encodeURIComponent(new Date().toISOString());
    const read = await load(app.baseUrl, { method: 'GET', path: readPath(''), headers }, http);
    const status = await load(
      app.baseUrl,
      { method: 'GET', path: readPath(`/status?at=${at}`), headers },
      http,
    );
    return { workers, issuances, issue: issued, read, status };
  } finally {
    await app.stop();
  }
};
