import { ADMIN_TOKEN, startLedger, type TestLedger } from '../support/ledger-app';
import {
  accreditedIssuer,
  expectCreated,
  issuerBody,
  logHead,
  specificationBody,
  type World,
} from '../support/fixtures';

describe('Roles and issuer binding over HTTP', () => {
  let ledger: TestLedger;
  let world: World;

  beforeAll(async () => {
    ledger = await startLedger();
    world = await accreditedIssuer(ledger);
  });
  afterAll(() => ledger.close());

  it('answers 401 to a missing or unknown token, with a problem body', async () => {
    const none = await ledger.request('POST', '/v1/specifications', { body: specificationBody });
    expect(none.status).toBe(401);
    expect(none.headers.get('content-type')).toContain('application/problem+json');
    expect(none.body).toMatchObject({ status: 401, code: 'unauthenticated' });
    const unknown = await ledger.request('GET', '/v1/events', { token: 'cred_nope' });
    expect(unknown.status).toBe(401);
  });

  it('serves /health and /docs without a token', async () => {
    expect((await ledger.request('GET', '/health')).status).toBe(200);
    const docs = await ledger.request('GET', '/docs-json');
    expect(docs.status).toBe(200);
    expect(docs.body.openapi).toMatch(/^3\./);
    expect(Object.keys(docs.body.paths)).toEqual(
      expect.arrayContaining(['/v1/credentials', '/v1/credentials/{id}/revocation']),
    );
    expect((await ledger.request('GET', '/docs')).status).toBe(200);
  });

  it('tells a token holder who it is (GET /v1/principals/me), and no one without a token', async () => {
    const issuer = await ledger.request('GET', '/v1/principals/me', { token: world.issuerToken });
    expect(issuer.status).toBe(200);
    expect(issuer.body).toEqual({ id: expect.any(String), role: 'issuer', issuerId: world.issuerId });
    expect((await ledger.request('GET', '/v1/principals/me', { token: world.qaToken })).body).toEqual({
      id: expect.any(String),
      role: 'qa-body',
    });
    expect((await ledger.request('GET', '/v1/principals/me', { token: ADMIN_TOKEN })).body.role).toBe(
      'admin',
    );
    expect((await ledger.request('GET', '/v1/principals/me')).status).toBe(401);
  });

  it("refuses an issuer acting on another issuer's resource like an unknown id (404), and appends nothing", async () => {
    const other = await accreditedIssuer(ledger);
    const theirSpec = expectCreated(
      await ledger.request('POST', '/v1/specifications', {
        token: other.issuerToken,
        body: specificationBody,
      }),
    );
    const head = await logHead(ledger);
    const retire = await ledger.request('POST', `/v1/specifications/${theirSpec}/retirement`, {
      token: world.issuerToken,
      body: {},
    });
    expect(retire.status).toBe(404);
    expect(retire.body.code).toBe('not-found');
    expect(await logHead(ledger)).toBe(head);
  });

  it('keeps auditors and regulators read-only and issuers out of admin routes', async () => {
    const admin = { token: ADMIN_TOKEN };
    const regulator = await ledger.request('POST', '/v1/principals', {
      ...admin,
      body: { role: 'regulator', name: 'Regulator' },
    });
    const head = await logHead(ledger);
    for (const token of [world.auditorToken, regulator.body.token]) {
      expect((await ledger.request('POST', '/v1/issuers', { token, body: issuerBody })).status).toBe(403);
      expect(
        (await ledger.request('POST', '/v1/specifications', { token, body: specificationBody })).status,
      ).toBe(403);
    }
    expect((await ledger.request('GET', '/v1/events', { token: regulator.body.token })).status).toBe(200);
    expect(
      (
        await ledger.request('POST', '/v1/principals', {
          token: world.issuerToken,
          body: { role: 'admin', name: 'x' },
        })
      ).status,
    ).toBe(403);
    expect(await logHead(ledger)).toBe(head);
  });

  it('returns a new principal token once and authenticates with it', async () => {
    const created = await ledger.request('POST', '/v1/principals', {
      token: ADMIN_TOKEN,
      body: { role: 'auditor', name: 'Second auditor' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ role: 'auditor', token: expect.stringMatching(/^cred_/) });
    expect((await ledger.request('GET', '/v1/events', { token: created.body.token })).status).toBe(200);
    const unknownIssuer = await ledger.request('POST', '/v1/principals', {
      token: ADMIN_TOKEN,
      body: { role: 'issuer', issuerId: 'nope', name: 'x' },
    });
    expect(unknownIssuer.status).toBe(404);
  });
});
