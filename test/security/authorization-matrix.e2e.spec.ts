import type { Role } from '@credence/domain';
import { ADMIN_TOKEN, type Reply, startLedger, type TestLedger } from '../support/ledger-app';
import { logHead } from '../support/fixtures';
import { type Route, routeTable } from '../support/routes';
import { type TwoIssuers, twoIssuers } from '../support/two-issuers';

/** The columns: how a caller presents itself. */
const CALLERS = [
  'no token',
  'malformed token',
  'disabled token',
  'admin',
  'qa-body',
  'issuer A',
  'issuer B',
  'auditor',
  'regulator',
] as const;
type Caller = (typeof CALLERS)[number];

/**
 * One row per route, written by hand and reviewed: who may pass (the rest get 403; callers without
 * a working token 401), and, where the route reads one of issuer A's objects, that issuer B is told
 * it does not exist (404). A route missing here, or here but no longer served, fails the first test.
 * `csv`: the route is also exported as CSV, and the same matrix holds for `Accept: text/csv`.
 */
type Row = Readonly<{ allow: readonly Role[] | 'public'; hiddenFromB?: true; csv?: true }>;

const ALL: readonly Role[] = ['admin', 'qa-body', 'issuer', 'auditor', 'regulator'];
const READ_MODELS: readonly Role[] = ['qa-body', 'issuer', 'auditor', 'regulator'];

const EXPECTED: Readonly<Record<string, Row>> = {
  'GET HealthController.live': { allow: 'public' },
  'GET HealthController.ready': { allow: 'public' },
  'GET HealthController.health': { allow: 'public' },
  'GET ConsoleController.index': { allow: 'public' },
  'GET ConsoleController.file': { allow: 'public' },
  'GET ConsoleController.verify': { allow: 'public' },
  'GET MetricsController.scrape': { allow: ['admin', 'metrics'] },
  'GET PrincipalsController.me': { allow: ALL },
  'POST PrincipalsController.create': { allow: ['admin'] },
  'GET PrincipalsController.list': { allow: ['admin'] },
  'POST PrincipalsController.rotate': { allow: ['admin'] },
  'POST PrincipalsController.disable': { allow: ['admin'] },
  'POST QaBodiesController.register': { allow: ['admin'] },
  'GET QaBodiesController.get': { allow: ALL },
  'POST IssuersController.register': { allow: ['admin', 'qa-body'] },
  'POST IssuersController.accredit': { allow: ['qa-body'] },
  'POST IssuersController.suspend': { allow: ['qa-body'] },
  'POST IssuersController.reinstate': { allow: ['qa-body'] },
  'POST IssuersController.withdraw': { allow: ['qa-body'] },
  'GET IssuersController.get': { allow: ALL },
  'POST SpecificationsController.publish': { allow: ['issuer'] },
  'POST SpecificationsController.retire': { allow: ['issuer'] },
  'POST SpecificationsController.revise': { allow: ['issuer'] },
  // Specifications are public offerings: any role reads any of them.
  'GET SpecificationsController.get': { allow: ALL },
  'POST AssessmentsController.record': { allow: ['issuer'] },
  'POST AssessmentsController.annul': { allow: ['issuer'] },
  'GET AssessmentsController.get': { allow: ['qa-body', 'issuer', 'auditor'], hiddenFromB: true },
  'POST CredentialsController.issue': { allow: ['issuer'] },
  'POST CredentialsController.suspend': { allow: ['issuer', 'qa-body'] },
  'POST CredentialsController.reinstate': { allow: ['issuer', 'qa-body'] },
  'POST CredentialsController.revoke': { allow: ['issuer'] },
  'POST CredentialsController.reissue': { allow: ['issuer'] },
  'GET CredentialsController.get': { allow: ALL, hiddenFromB: true },
  'POST CredentialBatchesController.upload': { allow: ['issuer'] },
  'GET CredentialBatchesController.get': { allow: ['issuer'] },
  'POST PathwaysController.publish': { allow: ['issuer'] },
  'GET PathwaysController.pathway': { allow: ALL },
  'POST PathwaysController.award': { allow: ['issuer'] },
  'GET PathwaysController.stack': { allow: ALL },
  'GET CredentialExportController.stackedOb3': { allow: ALL },
  'GET StackStatusController.status': { allow: READ_MODELS },
  // The global log: auditors and regulators only. An issuer is held to its own objects, which it
  // reads through their routes; it never reads the log of all issuers.
  'GET EventsController.all': { allow: ['auditor', 'regulator'] },
  'GET EventsController.stream': { allow: ['auditor', 'qa-body'] },
  'GET EventsController.verify': { allow: ['auditor', 'qa-body'] },
  'GET RulesController.list': { allow: ALL },
  'GET RulesController.one': { allow: ALL },
  'POST RulesController.activate': { allow: ['admin', 'qa-body'] },
  'POST RulesController.evaluate': { allow: ['admin', 'qa-body', 'issuer', 'auditor'] },
  'GET LogController.checkpoint': { allow: 'public' },
  'POST LogController.signNow': { allow: ['admin'] },
  'GET LogController.key': { allow: 'public' },
  'GET LogController.inclusion': { allow: 'public' },
  'GET LogController.consistency': { allow: 'public' },
  'GET LogController.leaf': { allow: 'public' },
  'GET IssuerProfileController.profile': { allow: 'public' },
  'GET IssuerProfileController.jwk': { allow: 'public' },
  'GET IssuerProfileController.didDocument': { allow: 'public' },
  // Key rotation and compromise: the issuer itself or an admin; another issuer is told A does not exist
  // (a compromise report's body is checked first, so the probe body gets B a 400 there).
  'POST IssuerKeysController.rotate': { allow: ['admin', 'issuer'], hiddenFromB: true },
  'POST IssuerKeysController.compromise': { allow: ['admin', 'issuer'] },
  'GET PlatformController.profile': { allow: 'public' },
  'GET PlatformController.jwk': { allow: 'public' },
  'GET StatusListController.list': { allow: 'public' },
  'GET CredentialExportController.ob3': { allow: ALL, hiddenFromB: true },
  'POST VerificationController.verify': { allow: 'public' },
  'GET ComplianceController.directory': { allow: READ_MODELS, csv: true },
  'GET ComplianceController.compliance': { allow: READ_MODELS, hiddenFromB: true, csv: true },
  'GET RegisterController.vocabularies': { allow: READ_MODELS },
  'GET RegisterController.specifications': { allow: READ_MODELS, csv: true },
  'GET RegisterController.comparison': { allow: READ_MODELS },
  'GET LearnersController.record': { allow: READ_MODELS },
  'GET CredentialStatusController.status': { allow: READ_MODELS, hiddenFromB: true },
  'GET ProjectionsController.status': { allow: ['admin', ...READ_MODELS] },
};

/** What each cell must answer: an exact status, or `passes` (the caller got past authorization). */
const expected = (row: Row, caller: Caller): number | 'passes' => {
  if (row.allow === 'public') return 'passes';
  if (caller === 'no token' || caller === 'malformed token' || caller === 'disabled token') return 401;
  const role: Role = caller.startsWith('issuer') ? 'issuer' : (caller as Role);
  if (!row.allow.includes(role)) return 403;
  return caller === 'issuer B' && row.hiddenFromB ? 404 : 'passes';
};

describe('The authorization matrix: every route × every kind of caller, from the Nest route table', () => {
  let ledger: TestLedger;
  let world: TwoIssuers;
  let routes: Route[];
  let headers: Record<Caller, Record<string, string>>;
  let victimId: string;

  beforeAll(async () => {
    // Room for the 401 cells: throttling failed authentications has its own test (edge.e2e.spec.ts).
    ledger = await startLedger({ CREDENCE_AUTH_FAILURE_LIMIT: '1000000' });
    world = await twoIssuers(ledger);
    routes = routeTable(ledger.app);
    const principal = async (body: object) =>
      (await ledger.request('POST', '/v1/principals', { token: ADMIN_TOKEN, body })).body as {
        id: string;
        token: string;
      };
    const regulator = await principal({ role: 'regulator', name: 'matrix regulator' });
    const disabled = await principal({ role: 'auditor', name: 'matrix disabled' });
    await ledger.request('POST', `/v1/principals/${disabled.id}/disable`, { token: ADMIN_TOKEN });
    // The target of the principal routes, so the admin's cells disable and rotate nobody who matters.
    victimId = (await principal({ role: 'auditor', name: 'matrix target' })).id;
    const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
    headers = {
      'no token': {},
      'malformed token': { authorization: 'Bearer' },
      'disabled token': bearer(disabled.token),
      admin: bearer(ADMIN_TOKEN),
      'qa-body': bearer(world.a.qaToken),
      'issuer A': bearer(world.a.issuerToken),
      'issuer B': bearer(world.b.issuerToken),
      auditor: bearer(world.a.auditorToken),
      regulator: bearer(regulator.token),
    };
  });
  afterAll(() => ledger.close());

  /** A path parameter: issuer A's object where the route reads one, else a well-formed id. */
  const param = (route: Route, name: string): string => {
    const [controller] = route.name.split('.');
    const byController: Record<string, string> = {
      IssuersController: world.a.issuerId,
      IssuerKeysController: world.a.issuerId,
      ComplianceController: world.a.issuerId,
      QaBodiesController: world.a.qaBodyId,
      SpecificationsController: world.theirs.specificationId,
      AssessmentsController: world.theirs.assessmentId,
      CredentialsController: world.theirs.credentialId,
      CredentialExportController: world.theirs.credentialId,
      CredentialStatusController: world.theirs.credentialId,
      PrincipalsController: victimId,
    };
    const byName: Record<string, string> = {
      issuerId: world.a.issuerId,
      streamId: `issuer-${world.a.issuerId}`,
      version: '2022',
      leafIndex: '0',
      keyFile: 'none.jwk',
      learnerId: 'lrn-matrix',
    };
    if (route.name === 'RulesController.one' && name === 'id') return 'eu-microcredentials';
    return (name === 'id' ? byController[controller] : byName[name]) ?? 'matrix-unknown-0001';
  };

  const call = (route: Route, caller: Caller, accept?: string): Promise<Reply> => {
    const path = route.url
      .replace(/:(\w+)/g, (_, name: string) => param(route, name))
      .replace('*', 'index.html');
    // A body no route accepts (unknown property): allowed callers get 400, so nothing changes.
    const body = route.method === 'POST' ? { matrixProbe: true } : undefined;
    return ledger.request(route.method, path, {
      body,
      headers: { ...headers[caller], ...(accept ? { accept } : {}) },
    });
  };

  it('has an expected row for every route the app serves, and no row for a route it does not', () => {
    const served = routes.map((r) => `${r.method} ${r.name}`).sort();
    expect(served).toEqual(Object.keys(EXPECTED).sort());
  });

  it('answers every cell as expected, appending nothing a refused caller sent', async () => {
    const mismatches: string[] = [];
    for (const route of routes) {
      const row = EXPECTED[`${route.method} ${route.name}`];
      for (const accept of row.csv ? [undefined, 'text/csv'] : [undefined]) {
        for (const caller of CALLERS) {
          const want = expected(row, caller);
          const head = await logHead(ledger);
          const reply = await call(route, caller, accept);
          const passed = reply.status !== 401 && reply.status !== 403 && reply.status < 500;
          const ok = want === 'passes' ? passed : reply.status === want;
          const appended = want !== 'passes' && (await logHead(ledger)) !== head;
          if (!ok || appended)
            mismatches.push(
              `${route.method} ${route.url}${accept ? ' (csv)' : ''} as ${caller}: ${reply.status}, expected ${want}${appended ? ', appended' : ''}`,
            );
        }
      }
    }
    expect(mismatches).toEqual([]);
  });
});
