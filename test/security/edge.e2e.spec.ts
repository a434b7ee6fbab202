import { loadLedgerConfig } from '../../apps/ledger-api/src/config';
import { ADMIN_TOKEN, startLedger, type TestLedger } from '../support/ledger-app';
import { specificationBody } from '../support/fixtures';

const PROBLEM = 'application/problem+json';

describe('The HTTP edge: headers, CORS, body limits, rate limits', () => {
  describe('with the default configuration', () => {
    let ledger: TestLedger;
    beforeAll(async () => (ledger = await startLedger()));
    afterAll(() => ledger.close());

    const raw = (path: string, init: RequestInit) => fetch(ledger.baseUrl + path, init);

    it('sends nosniff, a CSP that fits a same-origin console, and no x-powered-by', async () => {
      const reply = await ledger.request('GET', '/v1/rulesets', { token: ADMIN_TOKEN });
      expect(reply.headers.get('x-content-type-options')).toBe('nosniff');
      const csp = reply.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("style-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).toContain("frame-ancestors 'none'");
      expect(reply.headers.get('x-powered-by')).toBeNull();
      // Swagger UI ships inline styles; only its pages may use them, and still no inline script.
      const docs = await ledger.request('GET', '/docs');
      expect(docs.headers.get('content-security-policy')).toContain("style-src 'self' 'unsafe-inline'");
      expect(docs.headers.get('content-security-policy')).toContain("script-src 'self';");
    });

    it('sends the same security headers on every answer, a refusal and an unknown route included', async () => {
      // Given an authenticated read, a 401 and a 404 from the router
      const answers = await Promise.all([
        ledger.request('GET', '/v1/rulesets', { token: ADMIN_TOKEN }),
        ledger.request('GET', '/v1/rulesets'),
        ledger.request('GET', '/v1/no-such-route', { token: ADMIN_TOKEN }),
      ]);
      // When their security headers are read, then each carries helmet's set, as configured
      const expected = {
        'content-security-policy':
          "default-src 'self';script-src 'self';style-src 'self';img-src 'self' data:;font-src 'self';" +
          "connect-src 'self';object-src 'none';base-uri 'self';form-action 'self';frame-ancestors 'none'",
        'cross-origin-opener-policy': 'same-origin',
        'cross-origin-resource-policy': 'same-origin',
        'origin-agent-cluster': '?1',
        'referrer-policy': 'no-referrer',
        'strict-transport-security': 'max-age=31536000; includeSubDomains',
        'x-content-type-options': 'nosniff',
        'x-dns-prefetch-control': 'off',
        'x-download-options': 'noopen',
        'x-frame-options': 'SAMEORIGIN',
        'x-permitted-cross-domain-policies': 'none',
        'x-xss-protection': '0',
      };
      expect(answers.map((a) => a.status)).toEqual([200, 401, 404]);
      for (const answer of answers) {
        const sent = Object.fromEntries(
          Object.keys(expected).map((name) => [name, answer.headers.get(name)]),
        );
        expect(sent).toEqual(expected);
        expect(answer.headers.get('cross-origin-embedder-policy')).toBeNull();
      }
    });

    it('answers a preflight without 404 and, with CORS off, grants no origin', async () => {
      const reply = await raw('/v1/credentials', {
        method: 'OPTIONS',
        headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
      });
      expect(reply.status).toBe(204);
      expect(reply.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('refuses other content types with 415 and broken JSON with 400, as problem+json', async () => {
      const headers = { authorization: `Bearer ${ADMIN_TOKEN}` };
      const text = await raw('/v1/issuers', {
        method: 'POST',
        headers: { ...headers, 'content-type': 'text/plain' },
        body: 'legalName=x',
      });
      expect(text.status).toBe(415);
      expect(text.headers.get('content-type')).toContain(PROBLEM);
      const broken = await raw('/v1/issuers', {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: '{"legalName":',
      });
      expect(broken.status).toBe(400);
      expect(await broken.json()).toMatchObject({ code: 'request.invalid', errors: [{ field: 'body' }] });
    });

    it('answers a path parameter over its length (414) and headers over 16 KB (431) with problem+json', async () => {
      const long = await raw(`/v1/credentials/${'x'.repeat(9000)}`, {
        headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
      });
      expect(long.status).toBe(414);
      expect(long.headers.get('content-type')).toContain(PROBLEM);
      const huge = await raw('/v1/rulesets', {
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'x-padding': 'p'.repeat(20_000) },
      });
      expect(huge.status).toBe(431);
      expect(huge.headers.get('content-type')).toContain(PROBLEM);
      expect(await huge.json()).toMatchObject({ status: 431, code: 'headers.too-large' });
    });

    it('throttles failed authentication per client address, and still admits a valid token', async () => {
      const statuses: number[] = [];
      let throttled: Response | undefined;
      for (let batch = 0; batch < 10 && !throttled; batch += 1) {
        const replies = await Promise.all(
          Array.from({ length: 50 }, (_, i) =>
            raw('/v1/events', { headers: { authorization: `Bearer cred_guess-${batch}-${i}` } }),
          ),
        );
        statuses.push(...replies.map((r) => r.status));
        throttled = replies.find((r) => r.status === 429);
      }
      expect(throttled).toBeDefined();
      expect(throttled!.headers.get('content-type')).toContain(PROBLEM);
      expect(Number(throttled!.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await throttled!.json()).toMatchObject({ status: 429, code: 'rate-limited' });
      expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(50);
      expect((await ledger.request('GET', '/v1/rulesets', { token: ADMIN_TOKEN })).status).toBe(200);
    });
  });

  describe('with configured limits and CORS origins', () => {
    let ledger: TestLedger;
    beforeAll(
      async () =>
        (ledger = await startLedger({
          CREDENCE_BODY_LIMIT: '4096',
          CREDENCE_PUBLIC_RATE_LIMIT: '3',
          CREDENCE_CORS_ORIGINS: 'https://console.example.org',
        })),
    );
    afterAll(() => ledger.close());

    it('refuses a body over CREDENCE_BODY_LIMIT with 413 problem+json', async () => {
      const reply = await ledger.request('POST', '/v1/issuers', {
        token: ADMIN_TOKEN,
        body: { ...specificationBody, title: 'x'.repeat(5000) },
      });
      expect(reply.status).toBe(413);
      expect(reply.headers.get('content-type')).toContain(PROBLEM);
      expect(reply.body).toMatchObject({ status: 413, code: 'body.too-large' });
    });

    it('rate-limits public routes per client address with 429 and Retry-After', async () => {
      const statuses = [];
      for (let i = 0; i < 4; i += 1) statuses.push(await ledger.request('GET', '/health'));
      expect(statuses.slice(0, 3).map((r) => r.status)).toEqual([200, 200, 200]);
      const limited = statuses[3];
      expect(limited.status).toBe(429);
      expect(limited.headers.get('content-type')).toContain(PROBLEM);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(limited.body).toMatchObject({ status: 429, code: 'rate-limited' });
    });

    it('grants CORS to the configured origin only', async () => {
      const preflight = (origin: string) =>
        fetch(ledger.baseUrl + '/v1/credentials', {
          method: 'OPTIONS',
          headers: { origin, 'access-control-request-method': 'POST' },
        });
      const allowed = await preflight('https://console.example.org');
      expect(allowed.status).toBe(204);
      expect(allowed.headers.get('access-control-allow-origin')).toBe('https://console.example.org');
      const refused = await preflight('https://evil.example');
      expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    });
  });

  it('refuses a wildcard CORS origin and a short admin token at startup', () => {
    expect(() => loadLedgerConfig({ CREDENCE_CORS_ORIGINS: '*' })).toThrow(/explicitly/);
    expect(() => loadLedgerConfig({ CREDENCE_ADMIN_TOKEN: 'admin' })).toThrow(/at least 32/);
  });
});
