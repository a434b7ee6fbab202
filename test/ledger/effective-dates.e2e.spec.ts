import { startLedger, type TestLedger } from '../support/ledger-app';
import {
  accreditedIssuer,
  assessmentBody,
  credentialBody,
  daysAgo,
  expectCreated,
  logHead,
  specificationBody,
  type World,
} from '../support/fixtures';
import { withQuery } from '../read-models/support/http';

/*
 * The ledger stamps commands with the real clock, so "1 March" is a day after validFrom (6 days
 * ago) and "31 May" is an instant between the issuance and the revocation being recorded.
 */
describe('Effective dates and status at (at, asOf) over HTTP', () => {
  let ledger: TestLedger;
  let world: World;
  let specificationId: string;

  beforeAll(async () => {
    ledger = await startLedger();
    world = await accreditedIssuer(ledger);
    specificationId = expectCreated(
      await ledger.request('POST', '/v1/specifications', {
        token: world.issuerToken,
        body: specificationBody,
      }),
    );
  }, 60_000);
  afterAll(() => ledger?.close());

  const asIssuer = (method: string, path: string, body?: unknown) =>
    ledger.request(method, path, { token: world.issuerToken, body });
  const issue = async (learnerId: string) => {
    const assessmentId = expectCreated(
      await asIssuer('POST', '/v1/assessments', assessmentBody(specificationId, learnerId)),
    );
    return expectCreated(
      await asIssuer('POST', '/v1/credentials', credentialBody(specificationId, [assessmentId], learnerId)),
    );
  };
  const statusOf = async (id: string, query: Record<string, string>) => {
    const head = (await logHead(ledger))!;
    return ledger.request('GET', withQuery(`/v1/credentials/${id}/status`, { ...query, waitFor: head }), {
      token: world.auditorToken,
    });
  };
  const tick = () => new Promise((resolve) => setTimeout(resolve, 20));

  it('reads a fraud revoked ab initio as revoked for 1 March now, and active for 1 March as of 31 May', async () => {
    const beforeIssuance = new Date().toISOString();
    await tick();
    const id = await issue('lrn-fraud');
    await tick();
    const may31 = new Date().toISOString();
    await tick();

    const revoked = await asIssuer('POST', `/v1/credentials/${id}/revocation`, {
      reason: 'fraud',
      note: 'forged assessment',
      effectiveAt: 'ab-initio',
    });
    expect(revoked.status).toBe(200);
    const validFrom = revoked.body.validFrom as string;
    expect(revoked.body).toMatchObject({ status: 'revoked', effectiveAt: validFrom });

    const march1 = daysAgo(6);
    expect((await statusOf(id, { at: march1 })).body).toMatchObject({
      status: 'revoked',
      reason: 'fraud',
      abInitio: true,
      effectiveAt: validFrom,
      recordedAt: expect.any(String),
    });
    expect((await statusOf(id, { at: march1, asOf: may31 })).body).toMatchObject({
      status: 'active',
      effectiveAt: validFrom,
      asOf: may31,
    });
    // Never valid: revoked before validFrom too, as known now.
    expect((await statusOf(id, { at: daysAgo(30) })).body.status).toBe('revoked');
    expect((await statusOf(id, { at: march1, asOf: beforeIssuance })).body).toMatchObject({
      status: 'absent',
      validFrom: null,
    });
  });

  it('reads a suspension recorded late inside its window as known now, and not as known before', async () => {
    const id = await issue('lrn-late');
    const [fiveDaysAgo, threeDaysAgo] = [daysAgo(5), daysAgo(3)];
    await tick();
    const beforeSuspension = new Date().toISOString();
    await tick();
    const suspended = await asIssuer('POST', `/v1/credentials/${id}/suspension`, {
      reason: 'under-investigation',
      effectiveAt: fiveDaysAgo,
    });
    expect(suspended.status).toBe(200);
    expect(
      (await asIssuer('POST', `/v1/credentials/${id}/reinstatement`, { effectiveAt: threeDaysAgo })).status,
    ).toBe(200);

    expect((await statusOf(id, { at: daysAgo(4) })).body).toMatchObject({
      status: 'suspended',
      reason: 'under-investigation',
      effectiveAt: fiveDaysAgo,
    });
    expect((await statusOf(id, { at: daysAgo(4), asOf: beforeSuspension })).body.status).toBe('active');
    expect((await statusOf(id, { at: daysAgo(2) })).body).toMatchObject({
      status: 'active',
      effectiveAt: threeDaysAgo,
    });
  });

  it('refuses bad effective dates and a future asOf as 400 naming the field, appending nothing', async () => {
    const id = await issue('lrn-bad');
    const head = await logHead(ledger);
    const refused = async (path: string, body: object, code: string) => {
      const reply = await asIssuer('POST', `/v1/credentials/${id}/${path}`, body);
      expect(reply.status).toBe(400);
      expect(reply.body).toMatchObject({ code, details: { field: 'effectiveAt' } });
    };
    await refused(
      'revocation',
      { reason: 'fraud', effectiveAt: daysAgo(-1) },
      'credential.effective-in-future',
    );
    await refused(
      'suspension',
      { reason: 'issuer-request', effectiveAt: daysAgo(8) },
      'credential.effective-before-valid-from',
    );
    await refused(
      'revocation',
      { reason: 'issuer-request', effectiveAt: 'ab-initio' },
      'credential.ab-initio-not-allowed',
    );

    const malformed = await asIssuer('POST', `/v1/credentials/${id}/suspension`, {
      reason: 'issuer-request',
      effectiveAt: 'ab-initio',
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors.map((e: { field: string }) => e.field)).toContain('effectiveAt');
    expect(await logHead(ledger)).toBe(head);

    const future = await statusOf(id, { asOf: daysAgo(-1) });
    expect(future.status).toBe(400);
    expect(future.body).toMatchObject({ code: 'status.as-of-in-future', details: { field: 'asOf' } });
  });

  it('judges the accreditation the same way, and compliance lists issuances made after a later-recorded, earlier withdrawal', async () => {
    const id = await issue('lrn-accredited');
    const { accreditationId } = (await asIssuer('GET', `/v1/credentials/${id}`)).body.accreditation;
    await tick();
    const beforeWithdrawal = new Date().toISOString();
    const effective = daysAgo(2);
    await tick();
    // Withdrawn last of all (no issuance after it): effective two days ago, before this issuance.
    const withdrawn = await ledger.request(
      'POST',
      `/v1/issuers/${world.issuerId}/accreditations/${accreditationId}/withdrawal`,
      { token: world.qaToken, body: { note: 'audit findings', effectiveAt: effective } },
    );
    expect(withdrawn.status).toBe(200);

    const now = (await statusOf(id, {})).body;
    expect(now.status).toBe('active');
    expect(now.accreditationAt).toMatchObject({
      accreditationId,
      status: 'withdrawn',
      inForce: false,
      effectiveAt: effective,
    });
    expect((await statusOf(id, { asOf: beforeWithdrawal })).body.accreditationAt).toMatchObject({
      status: 'active',
      inForce: true,
    });
    expect((await statusOf(id, { at: daysAgo(3) })).body.accreditationAt.inForce).toBe(true);

    const head = (await logHead(ledger))!;
    const compliance = await ledger.request(
      'GET',
      withQuery(`/v1/issuers/${world.issuerId}/compliance`, { waitFor: head }),
      { token: world.auditorToken },
    );
    expect(compliance.status).toBe(200);
    const listed = compliance.body.issuedOutsideAccreditation.map(
      (c: { credentialId: string }) => c.credentialId,
    );
    // Every credential issued in this file came after the withdrawal's effective date, this one too.
    expect(listed).toContain(id);
    expect(compliance.body.issuedOutsideAccreditation[0]).toMatchObject({
      accreditationId,
      status: 'withdrawn',
      effectiveAt: effective,
    });
  });
});
