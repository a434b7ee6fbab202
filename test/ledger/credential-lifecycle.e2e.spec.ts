import { pathwayWithComponents } from '../support/credential-ledger';
import { eventually } from '../support/eventually';
import { startLedger, type TestLedger } from '../support/ledger-app';
import {
  accreditedIssuer,
  assessmentBody,
  credentialBody,
  expectCreated,
  logHead,
  specificationBody,
  type World,
} from '../support/fixtures';

describe('A credential over HTTP: registration to revocation', () => {
  let ledger: TestLedger;
  let world: World;

  beforeAll(async () => {
    ledger = await startLedger();
    world = await accreditedIssuer(ledger);
  });
  afterAll(() => ledger.close());

  const asIssuer = (method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
    ledger.request(method, path, { token: world.issuerToken, body, headers });

  it('walks a credential through issuance, suspension, reinstatement and revocation', async () => {
    const spec = await asIssuer('POST', '/v1/specifications', specificationBody);
    const specificationId = expectCreated(spec);
    expect(spec.headers.get('location')).toBe(`/v1/specifications/${specificationId}`);
    expect(spec.headers.get('etag')).toBe('"0"');
    expect(spec.headers.get('credence-position')).toMatch(/^\d+$/);

    const assessmentId = expectCreated(
      await asIssuer('POST', '/v1/assessments', assessmentBody(specificationId)),
    );
    const issued = await asIssuer('POST', '/v1/credentials', credentialBody(specificationId, [assessmentId]));
    const credentialId = expectCreated(issued);
    expect(issued.headers.get('location')).toBe(`/v1/credentials/${credentialId}`);

    const read = await asIssuer('GET', `/v1/credentials/${credentialId}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({
      id: credentialId,
      status: 'active',
      specificationId,
      learner: { id: 'lrn-7f3a9c' },
    });
    expect(read.body.accreditation).toMatchObject({ qaBody: 'NVAO' });
    expect(read.headers.get('etag')).toBe('"0"');

    const suspended = await asIssuer('POST', `/v1/credentials/${credentialId}/suspension`, {
      reason: 'under-investigation',
      note: 'complaint 12',
    });
    expect(suspended.status).toBe(200);
    expect(suspended.body).toMatchObject({ status: 'suspended', reason: 'under-investigation' });
    expect(suspended.headers.get('etag')).toBe('"1"');

    const reinstated = await ledger.request('POST', `/v1/credentials/${credentialId}/reinstatement`, {
      token: world.qaToken,
      body: { note: 'cleared' },
    });
    expect(reinstated.status).toBe(200);
    expect(reinstated.body.status).toBe('active');

    const revoked = await asIssuer('POST', `/v1/credentials/${credentialId}/revocation`, {
      reason: 'issued-in-error',
      note: 'wrong cohort',
    });
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ status: 'revoked', reason: 'issued-in-error' });
    expect(revoked.headers.get('etag')).toBe('"3"');

    // The reactor releases the revoked credential's assessment beside the API: once it has (its
    // append commits apart from the reply, on the writer thread's fsync), the log holds still.
    const released = await eventually(
      () =>
        ledger.request('GET', `/v1/streams/assessment-${assessmentId}/events`, { token: world.auditorToken }),
      (reply) => reply.body.events?.some((e: { type: string }) => e.type === 'AssessmentCredentialReleased'),
    );
    expect(released.status).toBe(200);

    // Repeating a command already in effect is a no-op: same state, nothing appended.
    const head = await logHead(ledger);
    const again = await asIssuer('POST', `/v1/credentials/${credentialId}/revocation`, {
      reason: 'issued-in-error',
    });
    expect(again.status).toBe(200);
    expect(again.headers.get('etag')).toBe('"3"');
    expect(await logHead(ledger)).toBe(head);

    const reinstateRevoked = await asIssuer('POST', `/v1/credentials/${credentialId}/reinstatement`, {});
    expect(reinstateRevoked.status).toBe(409);
    expect(reinstateRevoked.headers.get('content-type')).toContain('application/problem+json');
    expect(reinstateRevoked.body).toMatchObject({ status: 409, code: 'credential.revoked' });
    expect(await logHead(ledger)).toBe(head);

    const trail = await ledger.request('GET', `/v1/streams/credential-${credentialId}/events`, {
      token: world.auditorToken,
    });
    expect(trail.body.events.map((e: { type: string }) => e.type)).toEqual([
      'CredentialIssued',
      'CredentialSuspended',
      'CredentialReinstated',
      'CredentialRevoked',
    ]);
    expect(trail.body.events[0].metadata.ruleset).toMatchObject({
      id: 'eu-microcredentials',
      version: '2022-r2',
    });
    const verification = await ledger.request('GET', `/v1/streams/credential-${credentialId}/verification`, {
      token: world.auditorToken,
    });
    expect(verification.body).toMatchObject({ ok: true, events: 4 });
  });

  it('answers 412 to a stale If-Match on an issuance or an award before it reserves anything elsewhere', async () => {
    // Both write other streams first (assessment reservations, pathway claims): found by the fuzz suite.
    const { pathwayId, components } = await pathwayWithComponents(ledger, world);
    const specificationId = expectCreated(await asIssuer('POST', '/v1/specifications', specificationBody));
    const assessmentId = expectCreated(
      await asIssuer('POST', '/v1/assessments', assessmentBody(specificationId)),
    );
    const head = await logHead(ledger);
    const stale = { 'if-match': '"3"' };
    const issued = await asIssuer(
      'POST',
      '/v1/credentials',
      credentialBody(specificationId, [assessmentId]),
      stale,
    );
    expect(issued.status).toBe(412);
    const award = { pathwayId, learnerId: 'lrn-7f3a9c', componentCredentialIds: components };
    const awarded = await asIssuer('POST', '/v1/stacked-credentials', award, stale);
    expect(awarded.status).toBe(412);
    expect(await logHead(ledger)).toBe(head);
    // Nothing was left reserved: the same commands without the precondition go through.
    expectCreated(await asIssuer('POST', '/v1/credentials', credentialBody(specificationId, [assessmentId])));
    expectCreated(await asIssuer('POST', '/v1/stacked-credentials', award));
  });

  it('answers 412 to a stale If-Match and appends nothing', async () => {
    const specificationId = expectCreated(await asIssuer('POST', '/v1/specifications', specificationBody));
    const head = await logHead(ledger);
    const stale = await asIssuer(
      'POST',
      `/v1/specifications/${specificationId}/retirement`,
      {},
      { 'if-match': '"7"' },
    );
    expect(stale.status).toBe(412);
    expect(stale.body.code).toBe('precondition-failed');
    expect(await logHead(ledger)).toBe(head);
    const fresh = await asIssuer(
      'POST',
      `/v1/specifications/${specificationId}/retirement`,
      {},
      { 'if-match': '"0"' },
    );
    expect(fresh.status).toBe(200);
    expect(fresh.headers.get('etag')).toBe('"1"');
  });

  it('replays the first answer for a repeated Idempotency-Key and appends once', async () => {
    const key = { 'idempotency-key': 'spec-import-42' };
    const first = await asIssuer('POST', '/v1/specifications', specificationBody, key);
    const head = await logHead(ledger);
    const second = await asIssuer('POST', '/v1/specifications', specificationBody, key);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('location')).toBe(first.headers.get('location'));
    expect(await logHead(ledger)).toBe(head);
    const reused = await asIssuer(
      'POST',
      '/v1/specifications',
      { ...specificationBody, title: 'Other' },
      key,
    );
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe('idempotency-key.reused');
  });

  it('gives 50 concurrent twins under one Idempotency-Key one credential and one answer', async () => {
    const specificationId = expectCreated(await asIssuer('POST', '/v1/specifications', specificationBody));
    const assessmentId = expectCreated(
      await asIssuer('POST', '/v1/assessments', assessmentBody(specificationId)),
    );
    const body = credentialBody(specificationId, [assessmentId]);
    const key = { 'idempotency-key': 'issue-twins-7' };
    const twins = await Promise.all(
      Array.from({ length: 50 }, () => asIssuer('POST', '/v1/credentials', body, key)),
    );
    const answers = new Set(
      twins.map((t) => JSON.stringify([t.status, t.body, t.headers.get('location'), t.headers.get('etag')])),
    );
    expect(answers.size).toBe(1);
    const credentialId = expectCreated(twins[0]);
    const events = (await ledger.request('GET', '/v1/events?limit=1000', { token: world.auditorToken })).body
      .events as { type: string; data: { credentialId: string } }[];
    const issued = events.filter(
      (e) => e.type === 'CredentialIssued' && e.data.credentialId === credentialId,
    );
    expect(issued).toHaveLength(1);
    const head = await logHead(ledger);
    const again = await asIssuer('POST', '/v1/credentials', body, key);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(twins[0].body);
    expect(await logHead(ledger)).toBe(head);
  });

  it("answers a credential read from this process's cache with the bytes a second process reads from the file, and each sees the other's changes at once", async () => {
    const elsewhere = await startLedger({ CREDENCE_DATA_DIR: ledger.dataDir });
    try {
      const specificationId = expectCreated(await asIssuer('POST', '/v1/specifications', specificationBody));
      const assessmentId = expectCreated(
        await asIssuer('POST', '/v1/assessments', assessmentBody(specificationId)),
      );
      const credentialId = expectCreated(
        await asIssuer('POST', '/v1/credentials', credentialBody(specificationId, [assessmentId])),
      );
      const raw = async (app: TestLedger) => {
        const response = await fetch(`${app.baseUrl}/v1/credentials/${credentialId}`, {
          headers: { authorization: `Bearer ${world.issuerToken}` },
        });
        return { etag: response.headers.get('etag'), body: await response.text() };
      };
      // Here the state is the one the issuance derived, kept without a read; there it is read from the file.
      const issued = await raw(ledger);
      expect(issued.etag).toBe('"0"');
      expect(await raw(elsewhere)).toEqual(issued);

      const suspend = { token: world.issuerToken, body: { reason: 'under-investigation', note: 'n' } };
      expect(
        (await elsewhere.request('POST', `/v1/credentials/${credentialId}/suspension`, suspend)).status,
      ).toBe(200);
      const suspended = await raw(ledger);
      expect(suspended.etag).toBe('"1"');
      expect(JSON.parse(suspended.body)).toMatchObject({ status: 'suspended' });
      expect(await raw(elsewhere)).toEqual(suspended);

      const revoke = { reason: 'issued-in-error' };
      expect((await asIssuer('POST', `/v1/credentials/${credentialId}/revocation`, revoke)).status).toBe(200);
      const revoked = await raw(elsewhere);
      expect(JSON.parse(revoked.body)).toMatchObject({ status: 'revoked' });
      expect(await raw(ledger)).toEqual(revoked);
    } finally {
      await elsewhere.close();
    }
  });

  it('answers 400 with the fields at fault, 404 for unknown ids, and appends nothing', async () => {
    const head = await logHead(ledger);
    const invalid = await asIssuer('POST', '/v1/credentials', {
      specificationId: 'x',
      learnerId: 'not an id!',
      assessmentIds: [],
      validFrom: 'yesterday',
      extra: 1,
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.code).toBe('request.invalid');
    const fields = invalid.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['learnerId', 'assessmentIds', 'validFrom', 'extra']));
    const missing = await asIssuer('GET', '/v1/credentials/does-not-exist');
    expect(missing.status).toBe(404);
    const suspendMissing = await asIssuer('POST', '/v1/credentials/does-not-exist/suspension', {
      reason: 'under-investigation',
    });
    expect(suspendMissing.status).toBe(404);
    expect(await logHead(ledger)).toBe(head);
  });
});
