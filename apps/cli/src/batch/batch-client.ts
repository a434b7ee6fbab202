import { setTimeout as delay } from 'node:timers/promises';
import { backoffDelay } from '@credence/runtime';

/** A row of the batch's results, as far as the CLI reads it. */
export type BatchResult = Readonly<{
  row: number;
  rowKey: string | null;
  status: string;
  problem?: { code: string; title: string; detail?: string; column?: string };
}>;

/** `GET /v1/credential-batches/{id}?results=false`: the status and the counts, what a progress poll needs. */
export type BatchProgress = Readonly<{
  id: string;
  status: 'processing' | 'done';
  rows: number;
  issued: number;
  failed: number;
  'skipped-as-duplicate': number;
}>;

/** `GET /v1/credential-batches/{id}` as JSON: status, the counts, and the results in row order. */
export type BatchStatus = BatchProgress & Readonly<{ results: readonly BatchResult[] }>;

export type BatchUpload = Readonly<{
  body: Buffer;
  mediaType: 'text/csv' | 'application/x-ndjson';
  /** Generated once per upload and sent on every resend, so the API applies the batch once. */
  idempotencyKey: string;
  atomic?: boolean;
  delimiter?: string;
}>;

export type BatchApi = Readonly<{
  baseUrl: string;
  token: string;
  /** Resends after a network error or a 502/503/504, with exponential backoff. */
  retries?: number;
  backoff?: { initialMs: number; maxMs: number };
}>;

/** The API refused: its problem+json, for the message. */
export class BatchApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: { code?: string; title?: string; detail?: string } | undefined,
  ) {
    super(
      `${status} ${problem?.code ?? ''}: ${problem?.title ?? 'request failed'}${problem?.detail ? ` (${problem.detail})` : ''}`,
    );
  }
}

const RETRIED_STATUS = new Set([502, 503, 504]);

/**
 * fetch rejects with a TypeError only when no answer came: refused, reset or dropped connections.
 * Checked by name: the error comes from Node's realm, which need not be this module's.
 */
const isNetworkError = (error: unknown): boolean => (error as Error | null)?.name === 'TypeError';

/** One request with the API's bearer token, resent on network errors and 502/503/504 (demo seed too). */
export const send = async (api: BatchApi, path: string, init: RequestInit): Promise<Response> => {
  const retries = api.retries ?? 5;
  const backoff = api.backoff ?? { initialMs: 250, maxMs: 5_000 };
  for (let attempt = 0; ; attempt++) {
    try {
      const response = await fetch(new URL(path, api.baseUrl), {
        ...init,
        headers: { authorization: `Bearer ${api.token}`, ...(init.headers as Record<string, string>) },
      });
      if (!RETRIED_STATUS.has(response.status) || attempt >= retries) return response;
      await response.body?.cancel();
    } catch (error) {
      if (!isNetworkError(error) || attempt >= retries) throw error;
    }
    await delay(backoffDelay(attempt, backoff));
  }
};

/** The response when 2xx; otherwise its problem+json as a BatchApiError. */
export const ok = async (response: Response): Promise<Response> => {
  if (response.ok) return response;
  const problem = (await response.json().catch(() => undefined)) as BatchApiError['problem'];
  throw new BatchApiError(response.status, problem);
};

/** POST /v1/credential-batches; a resend carries the same Idempotency-Key and body. */
export const uploadBatch = async (
  api: BatchApi,
  upload: BatchUpload,
): Promise<{ id: string; rows: number }> => {
  const query = new URLSearchParams({
    ...(upload.atomic ? { atomic: 'true' } : {}),
    ...(upload.delimiter ? { delimiter: upload.delimiter } : {}),
  }).toString();
  const response = await send(api, `/v1/credential-batches${query ? `?${query}` : ''}`, {
    method: 'POST',
    headers: {
      'content-type': upload.mediaType,
      'idempotency-key': upload.idempotencyKey,
      accept: 'application/json',
    },
    body: new Uint8Array(upload.body),
  });
  return (await ok(response)).json() as Promise<{ id: string; rows: number }>;
};

const getJson = async <T>(api: BatchApi, path: string): Promise<T> =>
  (await ok(await send(api, path, { headers: { accept: 'application/json' } }))).json() as Promise<T>;

export const batchStatus = (api: BatchApi, id: string): Promise<BatchStatus> =>
  getJson(api, `/v1/credential-batches/${encodeURIComponent(id)}`);

export const batchProgress = (api: BatchApi, id: string): Promise<BatchProgress> =>
  getJson(api, `/v1/credential-batches/${encodeURIComponent(id)}?results=false`);

export const batchResultsCsv = async (api: BatchApi, id: string): Promise<string> =>
  (
    await ok(
      await send(api, `/v1/credential-batches/${encodeURIComponent(id)}`, {
        headers: { accept: 'text/csv' },
      }),
    )
  ).text();

export const rowsDone = (s: BatchProgress): number => s.issued + s.failed + s['skipped-as-duplicate'];

/**
 * Polls the progress (status and counts) until the batch is done, reporting rows done after each
 * answer, then reads the results once: a poll with every result would send a 10,000-row batch's
 * ~1.6 MB each time.
 */
export const waitForBatch = async (
  api: BatchApi,
  id: string,
  onProgress: (done: number, rows: number) => void,
  intervalMs = 500,
): Promise<BatchStatus> => {
  for (;;) {
    const progress = await batchProgress(api, id);
    onProgress(rowsDone(progress), progress.rows);
    if (progress.status === 'done') return batchStatus(api, id);
    await delay(intervalMs);
  }
};
