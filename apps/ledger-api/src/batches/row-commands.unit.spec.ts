import type { FastifyRequest } from 'fastify';
import { buildCommandContext } from '../http/command-context';
import { rowCommands } from './row-commands';

const issuer = { id: 'hu-registrar', role: 'issuer' as const, issuerId: 'hu' };
const batchContext = (key: string, principal = issuer) =>
  buildCommandContext(
    { headers: { 'idempotency-key': key }, principal } as unknown as FastifyRequest,
    new Date('2026-12-01T00:00:00Z'),
  );

const row = (identity: string, learnerId = 'lrn-1', specificationId = 'spec-1') => ({
  identity,
  learnerId,
  specificationId,
});

describe('rowCommands', () => {
  it('given the same Idempotency-Key and row identity, when derived twice (a resend), then every id is the same', () => {
    expect(rowCommands(batchContext('cohort-2026'), row('row-7'))).toEqual(
      rowCommands(batchContext('cohort-2026'), row('row-7')),
    );
  });

  it('given another key for the same row (a resend under a new key), when derived, then only the assessment id is shared', () => {
    const first = rowCommands(batchContext('cohort-2026'), row('row-7'));
    const resent = rowCommands(batchContext('cohort-2026-again'), row('row-7'));
    expect(resent.assessment.newId).toBe(first.assessment.newId);
    expect(resent.assessment.metadata.commandId).not.toBe(first.assessment.metadata.commandId);
    expect(resent.credential.metadata.commandId).not.toBe(first.credential.metadata.commandId);
    expect(resent.credential.newId).not.toBe(first.credential.newId);
  });

  it('given the same rowKey for another learner, specification or issuer, when derived, then the assessment ids differ', () => {
    const assessmentOf = (r: ReturnType<typeof row>, principal = issuer) =>
      rowCommands(batchContext('k', principal), r).assessment.newId;
    const all = [
      assessmentOf(row('1')),
      assessmentOf(row('1', 'lrn-2')),
      assessmentOf(row('1', 'lrn-1', 'spec-2')),
      assessmentOf(row('1'), { ...issuer, id: 'fontys-clerk', issuerId: 'fontys' }),
    ];
    expect(new Set(all).size).toBe(all.length);
  });

  it('given another key, another row or another principal, when derived, then no command id is shared', () => {
    const ids = (key: string, identity: string, principal = issuer) => {
      const { assessment, credential } = rowCommands(batchContext(key, principal), row(identity));
      return [assessment.metadata.commandId, credential.metadata.commandId, credential.newId];
    };
    const all = [
      ...ids('k', 'row-1'),
      ...ids('k2', 'row-1'),
      ...ids('k', 'row-2'),
      ...ids('k', 'row-1', { ...issuer, id: 'other-clerk' }),
    ];
    expect(new Set(all).size).toBe(all.length);
  });

  it('given a batch, when derived, then the row commands are caused by the batch and keep its principal and correlation', () => {
    const batch = batchContext('cohort-2026');
    const { credential } = rowCommands(batch, row('row-1'));
    expect(credential.metadata).toMatchObject({
      principal: issuer,
      issuerId: 'hu',
      now: batch.metadata.now,
      correlationId: batch.metadata.correlationId,
      causationId: batch.metadata.commandId,
    });
    expect(credential.newId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
