/** The loads the profile drivers run: what scenarios 2 and 3 send, over a world of their own. */
import { type clientFor, issueCredentials, recordAssessments, type World } from '../scenarios/api/world';

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
