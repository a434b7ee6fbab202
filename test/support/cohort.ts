import { daysAgo, identityHash } from './fixtures';
import type { Reply } from './ledger-app';

/** Cohort uploads for POST /v1/credential-batches: the e2e tests', the crash test's and the bench's rows. */
export const HEADER =
  'rowKey,specificationId,learnerId,identityType,identityHash,salt,outcome,grade,assessor,method,assessedAt,evidence,validFrom,validUntil';

export type Row = Record<string, string>;
export const goodRow = (specificationId: string, n: number): Row => ({
  rowKey: `enr-${n}`,
  specificationId,
  learnerId: `lrn-${n}`,
  identityType: 'emailAddress',
  identityHash: identityHash(`lrn-${n}@example.org`, 'x1y2'),
  salt: 'x1y2',
  outcome: 'pass',
  grade: '8',
  assessor: 'J. de Vries',
  method: 'exam',
  assessedAt: daysAgo(8),
  evidence: `https://lms.example.org/s/${n} https://lms.example.org/t/${n}`,
  validFrom: daysAgo(7),
  validUntil: daysAgo(-5 * 365),
});
export const csvOf = (rows: Row[], delimiter = ',', eol = '\n') =>
  [
    HEADER.split(',').join(delimiter),
    ...rows.map((r) =>
      HEADER.split(',')
        .map((c) => r[c] ?? '')
        .join(delimiter),
    ),
  ].join(eol) + eol;
export const ndjsonOf = (rows: Row[]) =>
  rows
    .map((r) =>
      JSON.stringify(
        Object.fromEntries(
          Object.entries(r)
            .filter(([, v]) => v !== '')
            .map(([k, v]) => [k, k === 'evidence' ? v.split(' ') : v]),
        ),
      ),
    )
    .join('\n') + '\n';

/** POST /v1/credential-batches with a raw body (CSV by default), as the CLI sends it. */
export const uploadBatch = async (
  baseUrl: string,
  token: string,
  body: string,
  key: string | undefined,
  options: { type?: string; query?: string } = {},
): Promise<Reply> => {
  const response = await fetch(`${baseUrl}/v1/credential-batches${options.query ?? ''}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': options.type ?? 'text/csv',
      ...(key ? { 'idempotency-key': key } : {}),
    },
    body,
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : text };
};
