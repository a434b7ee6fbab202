import { createHash } from 'node:crypto';
import { IdempotencyKeyReusedError } from '@credence/ledger';
import type { CommandContext } from '../http/command-context';
import { BatchRejectedError } from '../http/problem';
import { prepareRows } from './batch-row';
import type { Batch, BatchStore } from './batch-store';
import { type BatchMediaType, parseBatch } from './parse-batch';

export type BatchUpload = Readonly<{
  body: string;
  mediaType: BatchMediaType;
  delimiter?: string;
  atomic: boolean;
}>;

/** The upload and every option that changes its meaning: the same key with another upload is refused. */
const fingerprintOf = ({ body, mediaType, delimiter, atomic }: BatchUpload): string =>
  createHash('sha256')
    .update(`${mediaType}\u0000${delimiter ?? ','}\u0000${atomic}\u0000`)
    .update(body)
    .digest('hex');

/** The batch stored under the key, if it holds this very upload; another upload is refused. */
const sameUpload = (batch: Batch, fingerprint: string, key: string): Batch => {
  if (batch.fingerprint !== fingerprint) throw new IdempotencyKeyReusedError(key);
  return batch;
};

/**
 * Parses, validates and stores an upload as a `processing` batch, or returns the batch a resend with
 * the same Idempotency-Key already made. The key is required: without it, rows have no stable ids.
 */
export const openBatch = async (
  store: BatchStore,
  upload: BatchUpload,
  context: CommandContext,
): Promise<Batch> => {
  if (!context.idempotencyKey) {
    throw new BatchRejectedError(
      400,
      'batch.idempotency-key-required',
      'A batch needs an Idempotency-Key header, so a resend applies nothing twice',
    );
  }
  const fingerprint = fingerprintOf(upload);
  const earlier = store.find(context.newId);
  if (earlier) return sameUpload(earlier, fingerprint, context.idempotencyKey);
  const rows = await prepareRows(parseBatch(upload.body, upload.mediaType, { delimiter: upload.delimiter }));
  // The rows were validated over several turns of the event loop: an upload under the same key may
  // have been stored meanwhile, and create returns that one.
  const created = store.create({
    id: context.newId,
    principalId: context.metadata.principal.id,
    fingerprint,
    atomic: upload.atomic,
    context,
    rows,
    createdAt: context.metadata.now,
  });
  return sameUpload(created, fingerprint, context.idempotencyKey);
};
