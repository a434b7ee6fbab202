/** The loads the profile drivers run: what scenarios 2 and 3 send, over a world of their own. */
import type { App } from '../harness/processes';
import { load, type LoadRequest } from '../harness/http';
import {
  clientFor,
  issueCredentials,
  recordAssessments,
  setUpWorld,
  type World,
} from '../scenarios/api/world';

type Client = ReturnType<typeof clientFor>;

/** `count` keyed issuances, each citing its own passed assessment (as scenario 2). */
export const issuanceRequests = async (client: Client, world: World, count: number) => {
  const pool = await recordAssessments(client, world, count);
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

export type ReadKind = 'credential' | 'status';

/** Reads of 200 issued credentials in turn (as scenario 3): the credential, or its status now. */
export const readRequests = async (client: Client, world: World, read: ReadKind) => {
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

/** `--read credential|status`, checked. */
export const readKind = (read: string | undefined): ReadKind | undefined => {
  if (read === undefined || read === 'credential' || read === 'status') return read;
  throw new Error(`--read takes credential or status, not ${read}`);
};

/** Each driver's load at `connections`, bounded by an amount of requests rather than by time. */
export const loadOptions = (connections: number) => ({ connections, seconds: 600, warmupSeconds: 0 });

/**
 * A driver's prepare step: a world on the app, then `--read`'s GETs or `warmup + measured` keyed
 * issuances, the first `warmup` of them sent unmeasured. Returns the request for the measured load.
 */
export const warmedRequests = async (
  app: App,
  run: Readonly<{ read: ReadKind | undefined; warmup: number; measured: number; connections: number }>,
): Promise<LoadRequest> => {
  const client = clientFor(app.baseUrl);
  const world = await setUpWorld(client);
  const request = run.read
    ? await readRequests(client, world, run.read)
    : await issuanceRequests(client, world, run.warmup + run.measured);
  await load(app.baseUrl, request, { ...loadOptions(run.connections), amount: run.warmup });
  return request;
};
