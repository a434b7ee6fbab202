import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { eventually } from '@credence/feed/testing/kafka';
import { killHard } from '../read-models/support/child';
import { type ApiProcess, spawnApi, terminate } from '../support/api-process';
import { csvOf, goodRow, uploadBatch } from '../support/cohort';
import { accreditedIssuer, expectCreated, specificationBody } from '../support/fixtures';

const ROWS = 3000;

describe('a credential batch killed with SIGKILL mid-way', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'credence-batch-crash-'));
  let api: ApiProcess | undefined;
  afterAll(async () => {
    if (api) await killHard(api);
    rmSync(dataDir, { recursive: true, force: true });
  });
  /** The log itself, read beside the running API (WAL lets a reader in while it writes). */
  const count = (type: string): number => {
    const db = new Database(join(dataDir, 'events.sqlite'), { readonly: true });
    try {
      return (db.prepare('SELECT count(*) AS n FROM events WHERE type = ?').get(type) as { n: number }).n;
    } finally {
      db.close();
    }
  };
  const batchOf = async (id: string, token: string) =>
    (await api!.request('GET', `/v1/credential-batches/${id}`, { token })).body;

  it('resumes at the restart: no row applied twice, every row accounted for, and a resend appends nothing', async () => {
    // Given an API process with an accredited issuer and a batch of 3,000 rows under way,
    api = await spawnApi(dataDir, { LOG_LEVEL: 'warn' });
    const world = await accreditedIssuer(api);
    const specificationId = expectCreated(
      await api.request('POST', '/v1/specifications', { token: world.issuerToken, body: specificationBody }),
    );
    const csv = csvOf(Array.from({ length: ROWS }, (_, i) => goodRow(specificationId, i + 1)));
    const accepted = await uploadBatch(api.baseUrl, world.issuerToken, csv, 'crash-cohort');
    expect(accepted.status).toBe(202);
    const batchId = accepted.body.id as string;

    // when the process is killed with SIGKILL while the batch is processing,
    await eventually('a few hundred rows applied', () => count('CredentialIssued') >= 300);
    const before = await batchOf(batchId, world.issuerToken);
    await killHard(api);
    const issuedAtKill = count('CredentialIssued');
    expect(before.status).toBe('processing');
    expect(issuedAtKill).toBeLessThan(ROWS);

    // and started again on the same data dir,
    api = await spawnApi(dataDir, { LOG_LEVEL: 'warn' });
    await eventually(
      'the batch resumed to done',
      async () => (await batchOf(batchId, world.issuerToken)).status === 'done',
    );

    // then every row has one result and one credential, and no row was applied twice.
    const after = await batchOf(batchId, world.issuerToken);
    expect(after).toMatchObject({ rows: ROWS, issued: ROWS, failed: 0, 'skipped-as-duplicate': 0 });
    expect(after.results.map((r: { row: number }) => r.row)).toEqual(
      Array.from({ length: ROWS }, (_, i) => i + 1),
    );
    expect(new Set(after.results.map((r: { credentialId: string }) => r.credentialId)).size).toBe(ROWS);
    expect([count('AssessmentRecorded'), count('CredentialIssued')]).toEqual([ROWS, ROWS]);

    // And the same file resent with the same key answers the same and appends nothing.
    const resent = await uploadBatch(api.baseUrl, world.issuerToken, csv, 'crash-cohort');
    expect(resent.body.id).toBe(batchId);
    expect((await batchOf(batchId, world.issuerToken)).results).toEqual(after.results);
    expect([count('AssessmentRecorded'), count('CredentialIssued')]).toEqual([ROWS, ROWS]);
    expect(await terminate(api)).toBe(0);
    api = undefined;
  });
});
