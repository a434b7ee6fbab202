import { startLedger, type TestLedger } from '../support/ledger-app';
import { logHead } from '../support/fixtures';
import { answerShape, type TwoIssuers, twoIssuers } from '../support/two-issuers';

describe("A dry run is authorized like the real command: issuer B learns nothing about issuer A's objects", () => {
  let ledger: TestLedger;
  let world: TwoIssuers;

  beforeAll(async () => {
    ledger = await startLedger();
    world = await twoIssuers(ledger);
  });
  afterAll(() => ledger.close());

  const dryRun = (token: string, type: string, targetId: string, body: object) =>
    ledger.request('POST', '/v1/rules/evaluate', { token, body: { command: { type, targetId, body } } });
  const unknown = 'no-such-id-0001';

  const cases = [
    ['RevokeCredential', '/v1/credentials/{id}/revocation', 'credentialId', { reason: 'issued-in-error' }],
    [
      'SuspendCredential',
      '/v1/credentials/{id}/suspension',
      'credentialId',
      { reason: 'under-investigation' },
    ],
    ['ReinstateCredential', '/v1/credentials/{id}/reinstatement', 'credentialId', {}],
    ['AnnulAssessment', '/v1/assessments/{id}/annulment', 'assessmentId', {}],
  ] as const;

  it.each(cases)(
    'given A owns the target, when B dry-runs %s, then B gets what the real call gets: the 404 of an unknown id',
    async (type, path, which, body) => {
      const head = await logHead(ledger);
      const known = await dryRun(world.b.issuerToken, type, world.theirs[which], body);
      const missing = await dryRun(world.b.issuerToken, type, unknown, body);
      const real = await ledger.request('POST', path.replace('{id}', world.theirs[which]), {
        token: world.b.issuerToken,
        body,
      });
      expect(known.status).toBe(404);
      expect(real.status).toBe(404);
      expect(answerShape(known, world.theirs[which])).toEqual(answerShape(missing, unknown));
      expect(answerShape(known, world.theirs[which])).toEqual(answerShape(real, world.theirs[which]));
      expect(known.body).not.toHaveProperty('verdict');
      expect(await logHead(ledger)).toBe(head);
    },
  );

  it('given A owns the credential, when A dry-runs its revocation, then A gets a verdict and nothing is appended', async () => {
    const head = await logHead(ledger);
    const own = await dryRun(world.a.issuerToken, 'RevokeCredential', world.theirs.credentialId, {
      reason: 'issued-in-error',
    });
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ verdict: 'accepted' });
    expect(await logHead(ledger)).toBe(head);
  });

  it.each([
    ['an auditor', (w: TwoIssuers) => w.a.auditorToken],
    ['a QA body', (w: TwoIssuers) => w.a.qaToken],
  ])(
    'given the revocation route is for issuers only, when %s dry-runs RevokeCredential, then it gets the route’s 403 and no verdict',
    async (_, tokenOf) => {
      const head = await logHead(ledger);
      const body = { reason: 'issued-in-error' };
      const dry = await dryRun(tokenOf(world), 'RevokeCredential', world.theirs.credentialId, body);
      const real = await ledger.request('POST', `/v1/credentials/${world.theirs.credentialId}/revocation`, {
        token: tokenOf(world),
        body,
      });
      expect([dry.status, real.status]).toEqual([403, 403]);
      expect(dry.body).not.toHaveProperty('verdict');
      expect(await logHead(ledger)).toBe(head);
    },
  );

  // The real command: who may act is checked before the rules run.

  it('given A owns the credential, when B revokes it with a reason the rules refuse, then B gets the 404 of an unknown id and no refusal is recorded', async () => {
    const head = await logHead(ledger);
    const reply = await ledger.request('POST', `/v1/credentials/${world.theirs.credentialId}/revocation`, {
      token: world.b.issuerToken,
      body: { reason: 'not-a-listed-reason' },
    });
    expect(reply.status).toBe(404);
    expect(await logHead(ledger)).toBe(head);
  });

  it('given A owns the credential, when A revokes it with a reason the rules refuse, then the refusal is recorded (the rules still run)', async () => {
    const head = await logHead(ledger);
    const reply = await ledger.request('POST', `/v1/credentials/${world.theirs.credentialId}/revocation`, {
      token: world.a.issuerToken,
      body: { reason: 'not-a-listed-reason' },
    });
    expect(reply.status).toBe(422);
    expect(await logHead(ledger)).not.toBe(head);
  });
});
