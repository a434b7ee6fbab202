import autocannon from 'autocannon';

/** What each request looks like; `prepare` may vary it per request (ids, Idempotency-Key). */
export type LoadRequest = Readonly<{
  method: 'GET' | 'POST';
  path: string | (() => string);
  headers?: Readonly<Record<string, string>>;
  body?: string | (() => string);
  /** Extra headers for one request, e.g. a fresh Idempotency-Key. */
  perRequestHeaders?: () => Record<string, string>;
}>;

export type LoadOptions = Readonly<{
  connections: number;
  seconds: number;
  warmupSeconds: number;
  /**
   * Stop after this many requests instead of after `seconds` (autocannon's `amount`): for loads
   * that consume a finite pool, such as issuances that each cite their own assessment.
   */
  amount?: number;
}>;

export type LoadResult = Readonly<{
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  ok: number;
  non2xx: number;
  errors: number;
  seconds: number;
}>;

const fire = (baseUrl: string, request: LoadRequest, connections: number, seconds: number, amount?: number) =>
  autocannon({
    url: baseUrl,
    connections,
    duration: seconds,
    ...(amount === undefined ? {} : { amount }),
    requests: [
      {
        method: request.method,
        setupRequest: (req) => ({
          ...req,
          method: request.method,
          path: typeof request.path === 'function' ? request.path() : request.path,
          headers: { ...request.headers, ...request.perRequestHeaders?.() },
          ...(request.body === undefined
            ? {}
            : { body: typeof request.body === 'function' ? request.body() : request.body }),
        }),
      },
    ],
  });

/**
 * autocannon at `connections` for `seconds`, after a discarded warm-up of the same requests (JIT,
 * caches, connection set-up). Requests per second count only 2xx answers.
 */
export const load = async (
  baseUrl: string,
  request: LoadRequest,
  options: LoadOptions,
): Promise<LoadResult> => {
  if (options.warmupSeconds > 0) await fire(baseUrl, request, options.connections, options.warmupSeconds);
  const result = await fire(baseUrl, request, options.connections, options.seconds, options.amount);
  const seconds = (result.finish.getTime() - result.start.getTime()) / 1000;
  return {
    requestsPerSecond: result['2xx'] / seconds,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    seconds,
  };
};
