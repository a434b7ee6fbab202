import type { RowResult } from './batch-store';

/** One row as `GET /v1/credential-batches/{id}` shows it: the ids it produced, or the problem. */
export const shownResult = ({ row, rowKey, status, credentialId, assessmentId, problem }: RowResult) =>
  problem
    ? { row, rowKey, status, ...(assessmentId ? { assessmentId } : {}), problem }
    : { row, rowKey, status, credentialId, assessmentId };
