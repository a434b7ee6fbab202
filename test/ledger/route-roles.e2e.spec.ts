import { startLedger, type TestLedger } from '../support/ledger-app';
import { routeTable } from '../support/routes';

describe('Every route has a role', () => {
  let ledger: TestLedger;
  beforeAll(async () => (ledger = await startLedger()));
  afterAll(() => ledger.close());

  it('declares @Roles or @Public on every handler of every controller', () => {
    const routes = routeTable(ledger.app);
    expect(routes.length).toBeGreaterThan(20);
    const unguarded = routes
      .filter((r) => !r.isPublic && r.roles.length === 0)
      .map((r) => `${r.method} ${r.name}`);
    expect(unguarded).toEqual([]);
    const publicRoutes = routes.filter((r) => r.isPublic).map((r) => `${r.method} ${r.name}`);
    expect(publicRoutes.sort()).toEqual(
      [
        'GET ConsoleController.file',
        'GET ConsoleController.index',
        'GET ConsoleController.verify',
        'GET HealthController.health',
        'GET HealthController.live',
        'GET HealthController.ready',
        // The transparency log discloses hashes only; its routes are rate-limited (log.e2e.spec.ts).
        'GET LogController.checkpoint',
        'GET LogController.key',
        'GET LogController.inclusion',
        'GET LogController.consistency',
        'GET LogController.leaf',
        // Public keys, the issuer profile and status lists: what a verifier dereferences (test/credentials).
        'GET StatusListController.list',
        'GET IssuerProfileController.profile',
        'GET IssuerProfileController.jwk',
        'GET IssuerProfileController.didDocument',
        // The deployment as the issuer of learner-record CLRs (test/credentials/stacked-and-clr.e2e.spec.ts).
        'GET PlatformController.profile',
        'GET PlatformController.jwk',
        'POST VerificationController.verify',
      ].sort(),
    );
  });

  it('rate-limits every public route', () => {
    const unlimited = routeTable(ledger.app).filter(
      (r) => r.isPublic && typeof r.routeConfig?.rateLimit !== 'object',
    );
    expect(unlimited.map((r) => r.name)).toEqual([]);
  });

  it('refuses a malformed correlation id before anything is appended', async () => {
    const reply = await ledger.request('POST', '/v1/issuers', {
      token: 'cred_e2e-admin-token-0123456789abcdef',
      body: { legalName: 'X', country: 'NL', registrationId: 'R' },
      headers: { 'x-correlation-id': 'a'.repeat(300) },
    });
    expect(reply.status).toBe(400);
  });
});
