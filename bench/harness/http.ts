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

/**
 * One autocannon run, and how long it took. A run bounded by `amount` ends on autocannon's next
 * one-second tick, not at its last answer (200 answers in 0.1 s report 1 s), so such a run is timed
 * from its start to its last answer instead.
 */
const fire = async (
  baseUrl: string,
  request: LoadRequest,
  connections: number,
  seconds: number,
  amount?: number,
): Promise<{ result: autocannon.Result; seconds: number }> => {
  const startedAt = performance.now();
  let lastAnswerAt = startedAt;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const run = autocannon(
      {
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
      },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    if (amount !== undefined) run.on('response', () => (lastAnswerAt = performance.now()));
  });
  const elapsed =
    amount === undefined
      ? (result.finish.getTime() - result.start.getTime()) / 1000
      : (lastAnswerAt - startedAt) / 1000;
  return { result, seconds: elapsed };
};

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
  const { result, seconds } = await fire(
    baseUrl,
    request,
    options.connections,
    options.seconds,
    options.amount,
  );
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
