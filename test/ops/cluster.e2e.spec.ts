import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request as httpRequest } from 'node:http';
import { eventually } from '@credence/feed/testing/kafka';
import { ADMIN_TOKEN } from '../support/ledger-app';
import { type ApiProcess, spawnApi, terminate } from '../support/api-process';

type Reply = Readonly<{ status: number; headers: Record<string, unknown>; body: Record<string, unknown> }>;

/**
 * One request on a connection of its own: the cluster's primary hands out connections, not
 * requests, so a kept-alive connection would always reach the same worker.
 */
const ask = (baseUrl: string, method: string, path: string, body?: unknown): Promise<Reply> =>
  new Promise((resolve, reject) => {
    const headers = { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' };
    const call = httpRequest(`${baseUrl}${path}`, { method, headers, agent: false }, (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.on('end', () =>
        resolve({ status: response.statusCode!, headers: response.headers, body: JSON.parse(text || '{}') }),
      );
    });
    call.on('error', reject);
    call.end(body === undefined ? undefined : JSON.stringify(body));
  });

/** Asks `times` times in a row: the cluster's primary hands connections to its workers in turn. */
const repeated = async <T>(times: number, ask: (i: number) => Promise<T>): Promise<T[]> => {
  const answers: T[] = [];
  for (let i = 0; i < times; i += 1) answers.push(await ask(i));
  return answers;
};

describe('CREDENCE_WORKERS=2: a leader and a follower on one data dir', () => {
  let dataDir: string;
  let api: ApiProcess;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'credence-cluster-'));
    // /health is public, so rate-limited per client address, and this test asks it often.
    api = await spawnApi(dataDir, { CREDENCE_WORKERS: '2', CREDENCE_PUBLIC_RATE_LIMIT: '1000000' });
  }, 120_000);
  afterAll(async () => {
    if (api.process.exitCode === null) await terminate(api);
    rmSync(dataDir, { recursive: true, force: true });
  });

  const projectionModes = async () =>
    new Set(
      (await repeated(4, () => ask(api.baseUrl, 'GET', '/health'))).map(
        // Until the follower has built its app, the primary may hand it a connection it cannot answer yet.
        (reply) => (reply.body?.projections as { mode: string } | undefined)?.mode ?? `${reply.status}`,
      ),
    );

  it('runs one embedded projector, and each worker reads what the other wrote', async () => {
    // Given both workers serving: the leader projects, the follower does not
    await eventually(
      'the follower to serve',
      async () => {
        const seen = await projectionModes();
        return seen.has('embedded') && seen.has('off');
      },
      90_000,
    );
    const modes = await projectionModes();
    expect(modes).toEqual(new Set(['embedded', 'off']));

    // When issuers are registered through whichever worker takes each request
    const written = await repeated(4, async (i) => {
      const body = { legalName: `Cluster ${i}`, country: 'NL', registrationId: `CL-${i}` };
      const reply = await ask(api.baseUrl, 'POST', '/v1/issuers', body);
      expect(reply.status).toBe(201);
      return { id: reply.body.id as string, position: Number(reply.headers['credence-position']) };
    });

    // Then every issuer reads back through both workers
    for (const { id } of written) {
      for (const reply of await repeated(2, () => ask(api.baseUrl, 'GET', `/v1/issuers/${id}`))) {
        expect(reply.status).toBe(200);
        expect(reply.body).toMatchObject({ id });
      }
    }
    // And the leader's projector covers the follower's writes, as both workers read its checkpoints
    const last = Math.max(...written.map((w) => w.position));
    await eventually('both workers to see every projection past the writes', async () => {
      const replies = await repeated(4, () => ask(api.baseUrl, 'GET', '/v1/projections'));
      return replies.every((reply) =>
        (reply.body.projections as { checkpoint: string | null }[]).every(
          (p) => Number(p.checkpoint) >= last,
        ),
      );
    });
  }, 180_000);

  it('stops every worker on SIGTERM and exits 0', async () => {
    expect(await terminate(api)).toBe(0);
    expect(api.logLines().filter((line) => line.msg === 'stopped')).toHaveLength(2);
  }, 60_000);
});
