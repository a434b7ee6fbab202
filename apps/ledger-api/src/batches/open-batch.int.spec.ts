import { tempDir } from '@credence/event-store/testing';
import { IdempotencyKeyReusedError } from '@credence/ledger';
import type { FastifyRequest } from 'fastify';
import { buildCommandContext } from '../http/command-context';
import { problemOf } from '../http/problem.filter';
import { SqliteBatchStore } from './batch-store';
import { openBatch } from './open-batch';
import { MAX_BATCH_ROWS } from './parse-batch';

const issuer = { id: 'hu-registrar', role: 'issuer' as const, issuerId: 'hu' };
const contextFor = (key?: string, principal = issuer) =>
  buildCommandContext(
    { headers: key ? { 'idempotency-key': key } : {}, principal } as unknown as FastifyRequest,
    new Date('2026-12-01T00:00:00Z'),
  );
const CSV =
  'specificationId,learnerId,assessmentId,validFrom\nspec-1,lrn-1,as-1,2026-11-21T00:00:00Z\nspec-1,bad id,as-2,2026-11-21T00:00:00Z\n';
const upload = (body = CSV, atomic = false) => ({ body, mediaType: 'text/csv' as const, atomic });
const refusal = async (run: () => Promise<unknown>) => {
  try {
    await run();
  } catch (error) {
    return problemOf(error);
  }
  throw new Error('expected a refusal');
};

describe('openBatch', () => {
  const dir = tempDir('open-batch');
  afterAll(() => dir.remove());

  it('given an upload with a key, when opened, then a processing batch holds every row, the invalid ones with their problem', async () => {
    const store = new SqliteBatchStore(dir.nextFile());
    const batch = await openBatch(store, upload(), contextFor('k1'));
    expect(batch).toMatchObject({ status: 'processing', principalId: issuer.id, atomic: false });
    expect(batch.rows.map((r) => ('problem' in r ? r.problem.code : 'ok'))).toEqual([
      'ok',
      'request.invalid',
    ]);
    expect(store.counts(batch.id)).toEqual({ rows: 2, issued: 0, failed: 0, 'skipped-as-duplicate': 0 });
    store.close();
  });

  it('given the same upload resent with the same key, when opened, then it is the same batch; another principal’s key is its own', async () => {
    const store = new SqliteBatchStore(dir.nextFile());
    const first = await openBatch(store, upload(), contextFor('k1'));
    expect((await openBatch(store, upload(), contextFor('k1'))).id).toBe(first.id);
    expect(
      (await openBatch(store, upload(), contextFor('k1', { ...issuer, id: 'other-clerk' }))).id,
    ).not.toBe(first.id);
    store.close();
  });

  it('given the same key with another file or another mode, when opened, then 422 idempotency-key.reused', async () => {
    const store = new SqliteBatchStore(dir.nextFile());
    await openBatch(store, upload(), contextFor('k1'));
    await expect(openBatch(store, upload(CSV.replace('lrn-1', 'lrn-9')), contextFor('k1'))).rejects.toThrow(
      IdempotencyKeyReusedError,
    );
    expect(await refusal(() => openBatch(store, upload(CSV, true), contextFor('k1')))).toMatchObject({
      status: 422,
      code: 'idempotency-key.reused',
    });
    store.close();
  });

  it('given no Idempotency-Key, when opened, then 400 and nothing stored', async () => {
    const store = new SqliteBatchStore(dir.nextFile());
    expect(await refusal(() => openBatch(store, upload(), contextFor()))).toMatchObject({
      status: 400,
      code: 'batch.idempotency-key-required',
    });
    expect(store.processing()).toEqual([]);
    store.close();
  });

  it('given one row over the limit, when opened, then 413 problem+json saying the limit, and nothing stored', async () => {
    const store = new SqliteBatchStore(dir.nextFile());
    const body = `specificationId,learnerId,assessmentId,validFrom\n${'spec-1,lrn-1,as-1,2026-11-21T00:00:00Z\n'.repeat(MAX_BATCH_ROWS + 1)}`;
    expect(await refusal(() => openBatch(store, upload(body), contextFor('k2')))).toMatchObject({
      status: 413,
      code: 'batch.too-large',
      limit: MAX_BATCH_ROWS,
    });
    expect(store.processing()).toEqual([]);
    store.close();
  });

  it('given uploads under one key with different files in flight together, when both are opened, then one is stored and the other refused', async () => {
    const store = new SqliteBatchStore(dir.nextFile());
    const many = (learner: string) =>
      upload(
        `specificationId,learnerId,assessmentId,validFrom\n${Array.from({ length: 500 }, (_, i) => `spec-1,${learner}-${i},as-${i},2026-11-21T00:00:00Z`).join('\n')}\n`,
      );
    const [first, second] = await Promise.allSettled([
      openBatch(store, many('lrn'), contextFor('k1')),
      openBatch(store, many('other'), contextFor('k1')),
    ]);
    expect(first).toMatchObject({ status: 'fulfilled' });
    expect(second).toMatchObject({ status: 'rejected', reason: expect.any(IdempotencyKeyReusedError) });
    store.close();
  });

  it('given a large upload, when opened, then other work gets turns of the event loop while its rows are validated', async () => {
    const store = new SqliteBatchStore(dir.nextFile());
    const body = `specificationId,learnerId,assessmentId,validFrom\n${Array.from({ length: 1_000 }, (_, i) => `spec-1,lrn-${i},as-${i},2026-11-21T00:00:00Z`).join('\n')}\n`;
    const order: string[] = [];
    const opening = openBatch(store, upload(body), contextFor('k1')).then(() => order.push('opened'));
    setImmediate(() => order.push('other work'));
    await opening;
    expect(order).toEqual(['other work', 'opened']);
    store.close();
  });
});
