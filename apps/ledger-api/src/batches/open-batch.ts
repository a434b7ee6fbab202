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

/**
 * Parses, validates and stores an upload as a `processing` batch, or returns the batch a resend with
 * the same Idempotency-Key already made. The key is required: without it, rows have no stable ids.
 */
export const openBatch = (store: BatchStore, upload: BatchUpload, context: CommandContext): Batch => {
  if (!context.idempotencyKey) {
    throw new BatchRejectedError(
      400,
      'batch.idempotency-key-required',
      'A batch needs an Idempotency-Key header, so a resend applies nothing twice',
    );
  }
  const fingerprint = fingerprintOf(upload);
  const earlier = store.find(context.newId);
  if (earlier) {
    if (earlier.fingerprint !== fingerprint) throw new IdempotencyKeyReusedError(context.idempotencyKey);
    return earlier;
  }
  const rows = prepareRows(parseBatch(upload.body, upload.mediaType, { delimiter: upload.delimiter }));
  return store.create({
    id: context.newId,
    principalId: context.metadata.principal.id,
    fingerprint,
    atomic: upload.atomic,
    context,
    rows,
    createdAt: context.metadata.now,
  });
};
