import { createHash } from 'node:crypto';
import { ADMIN_TOKEN, startLedger, type TestLedger } from '../support/ledger-app';

/** Access an operator can take away: a disabled or expired token is refused at once, with a code saying which. */
describe('Principals can be disabled and tokens expire', () => {
  let ledger: TestLedger;

  beforeAll(async () => {
    ledger = await startLedger();
  });
  afterAll(() => ledger.close());

  const createAuditor = async (extra: object = {}) => {
    const reply = await ledger.request('POST', '/v1/principals', {
      token: ADMIN_TOKEN,
      body: { role: 'auditor', name: 'audit desk', ...extra },
    });
    expect(reply.status).toBe(201);
    return reply.body as { id: string; token: string };
  };
  const me = (token: string) => ledger.request('GET', '/v1/principals/me', { token });

  it('given a working token, when an admin disables its principal, then the next request is 401 token.disabled', async () => {
    const { id, token } = await createAuditor();
    expect((await me(token)).status).toBe(200);
    const disabled = await ledger.request('POST', `/v1/principals/${id}/disable`, { token: ADMIN_TOKEN });
    expect(disabled.status).toBe(200);
    expect(disabled.body).not.toHaveProperty('token');
    const refused = await me(token);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body).toMatchObject({ code: 'token.disabled' });
  });

  it('given a token whose expiresAt has passed, when it is used, then it is 401 token.expired; before that it works', async () => {
    const past = await createAuditor({ expiresAt: '2020-01-01T00:00:00Z' });
    const refused = await me(past.token);
    expect(refused.status).toBe(401);
    expect(refused.body).toMatchObject({ code: 'token.expired' });
    const future = await createAuditor({ expiresAt: '2999-01-01T00:00:00Z' });
    expect((await me(future.token)).status).toBe(200);
  });

  it('only an admin disables, and an unknown principal is 404', async () => {
    const { id, token } = await createAuditor();
    expect((await ledger.request('POST', `/v1/principals/${id}/disable`, { token })).status).toBe(403);
    expect(
      (await ledger.request('POST', '/v1/principals/no-such-principal/disable', { token: ADMIN_TOKEN }))
        .status,
    ).toBe(404);
  });

  it('given a principal, when an admin rotates its token, then the new one is shown once with no-store and the old one stops working', async () => {
    const { id, token: old } = await createAuditor();
    const rotated = await ledger.request('POST', `/v1/principals/${id}/token`, { token: ADMIN_TOKEN });
    expect(rotated.status).toBe(201);
    expect(rotated.headers.get('cache-control')).toContain('no-store');
    const { token: fresh } = rotated.body as { token: string };
    expect(fresh).toMatch(/^cred_/);
    expect(fresh).not.toBe(old);
    expect((await me(old)).status).toBe(401);
    expect((await me(fresh)).status).toBe(200);
  });

  it('lists principals to an admin only, without tokens or hashes', async () => {
    const { id, token } = await createAuditor();
    await ledger.request('POST', `/v1/principals/${id}/disable`, { token: ADMIN_TOKEN });
    const listed = await ledger.request('GET', '/v1/principals', { token: ADMIN_TOKEN });
    expect(listed.status).toBe(200);
    const principals = (listed.body as { principals: Array<Record<string, unknown>> }).principals;
    expect(principals.find((p) => p.id === id)).toMatchObject({
      role: 'auditor',
      disabledAt: expect.any(String),
    });
    const text = JSON.stringify(listed.body);
    expect(text).not.toContain(token);
    expect(text).not.toMatch(/cred_|token|[0-9a-f]{64}/i);
    const { token: auditor } = await createAuditor();
    expect((await ledger.request('GET', '/v1/principals', { token: auditor })).status).toBe(403);
  });

  it('given an admin creates, rotates and disables a principal, then an auditor reads who had which access when on the principals stream, without secrets', async () => {
    const { id, token } = await createAuditor();
    const rotated = await ledger.request('POST', `/v1/principals/${id}/token`, { token: ADMIN_TOKEN });
    await ledger.request('POST', `/v1/principals/${id}/disable`, { token: ADMIN_TOKEN });
    const { token: auditor } = await createAuditor();
    const read = await ledger.request('GET', '/v1/streams/principals/events?limit=1000', { token: auditor });
    expect(read.status).toBe(200);
    const events = (read.body as { events: Array<{ type: string; data: Record<string, unknown> }> }).events;
    const admin = (await ledger.request('GET', '/v1/principals/me', { token: ADMIN_TOKEN })).body as {
      id: string;
    };
    expect(events.filter((e) => e.data.principalId === id)).toEqual([
      expect.objectContaining({
        type: 'PrincipalCreated',
        data: expect.objectContaining({ role: 'auditor', by: admin.id, at: expect.any(String) }),
      }),
      expect.objectContaining({
        type: 'PrincipalTokenRotated',
        data: expect.objectContaining({ by: admin.id }),
      }),
      expect.objectContaining({
        type: 'PrincipalDisabled',
        data: expect.objectContaining({ reason: 'withdrawn' }),
      }),
    ]);
    // The bootstrap admin is recorded too, by the start-up reconciliation.
    expect(events).toContainEqual(
      expect.objectContaining({
        type: 'PrincipalCreated',
        data: expect.objectContaining({ principalId: admin.id }),
      }),
    );
    const text = JSON.stringify(read.body);
    for (const secret of [token, (rotated.body as { token: string }).token]) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain(createHash('sha256').update(secret).digest('hex'));
    }
  });
});
