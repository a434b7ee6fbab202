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

describe('Domain integrity over HTTP: one assessment, one credential', () => {
  let ledger: TestLedger;
  let world: World;
  let specificationId: string;

  const asIssuer = (method: string, path: string, body?: unknown) =>
    ledger.request(method, path, { token: world.issuerToken, body });
  const passedAssessment = async (learnerId = 'lrn-7f3a9c') =>
    expectCreated(await asIssuer('POST', '/v1/assessments', assessmentBody(specificationId, learnerId)));
  const credentialIdsOf = async (assessmentId: string) => {
    const events = (await ledger.request('GET', `/v1/events?limit=1000`, { token: world.auditorToken })).body
      .events as {
      type: string;
      data: { credentialId: string; assessmentIds: string[] };
    }[];
    return events
      .filter((e) => e.type === 'CredentialIssued' && e.data.assessmentIds.includes(assessmentId))
      .map((e) => e.data.credentialId);
  };

  beforeAll(async () => {
    ledger = await startLedger();
    world = await accreditedIssuer(ledger);
    specificationId = expectCreated(await asIssuer('POST', '/v1/specifications', specificationBody));
  });
  afterAll(() => ledger.close());

  it('refuses a second credential from the same assessment, naming the first (finding 1)', async () => {
    const assessmentId = await passedAssessment();
    const first = expectCreated(
      await asIssuer('POST', '/v1/credentials', credentialBody(specificationId, [assessmentId])),
    );
    const head = await logHead(ledger);
    const second = await asIssuer('POST', '/v1/credentials', credentialBody(specificationId, [assessmentId]));
    expect(second.status).toBe(409);
    expect(second.headers.get('content-type')).toContain('application/problem+json');
    expect(second.body).toMatchObject({
      code: 'assessment.already-credentialed',
      details: { assessmentId, credentialId: first },
    });
    expect(await logHead(ledger)).toBe(head);
  });

  it('issues exactly one credential from 50 concurrent issuances citing one assessment', async () => {
    const assessmentId = await passedAssessment();
    const replies = await Promise.all(
      Array.from({ length: 50 }, () =>
        asIssuer('POST', '/v1/credentials', credentialBody(specificationId, [assessmentId])),
      ),
    );
    const created = replies.filter((r) => r.status === 201);
    expect(created).toHaveLength(1);
    const winner = created[0].body.id as string;
    for (const refused of replies.filter((r) => r.status !== 201)) {
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({
        code: 'assessment.already-credentialed',
        details: { credentialId: winner },
      });
    }
    expect(await credentialIdsOf(assessmentId)).toEqual([winner]);
  });

  it("refuses a credential that also cites another learner's passed assessment (finding 2)", async () => {
    const own = await passedAssessment('lrn-7f3a9c');
    const other = await passedAssessment('lrn-other');
    const head = await logHead(ledger);
    const refused = await asIssuer('POST', '/v1/credentials', credentialBody(specificationId, [own, other]));
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      code: 'credential.assessment-mismatch',
      details: { assessmentIds: [other] },
    });
    expect(await logHead(ledger)).toBe(head);
    // Refused before anything was reserved: the learner's own assessment still backs a credential.
    expectCreated(await asIssuer('POST', '/v1/credentials', credentialBody(specificationId, [own])));
  });

  it('releases the reservations of a refused issuance, and the assessment of a revoked credential', async () => {
    const free = await passedAssessment();
    const taken = await passedAssessment();
    const holder = expectCreated(
      await asIssuer('POST', '/v1/credentials', credentialBody(specificationId, [taken])),
    );
    const refused = await asIssuer('POST', '/v1/credentials', credentialBody(specificationId, [free, taken]));
    expect(refused.body).toMatchObject({
      code: 'assessment.already-credentialed',
      details: { credentialId: holder },
    });
    expectCreated(await asIssuer('POST', '/v1/credentials', credentialBody(specificationId, [free])));

    await asIssuer('POST', `/v1/credentials/${holder}/revocation`, { reason: 'issued-in-error' });
    let again = await asIssuer('POST', '/v1/credentials', credentialBody(specificationId, [taken]));
    for (let i = 0; i < 50 && again.status === 409; i++) {
      await new Promise((r) => setTimeout(r, 100));
      again = await asIssuer('POST', '/v1/credentials', credentialBody(specificationId, [taken]));
    }
    expect(again.status).toBe(201);
  });

  it('revokes the credential of an annulled assessment, caused by the annulment (finding 3)', async () => {
    const assessmentId = await passedAssessment();
    const credentialId = expectCreated(
      await asIssuer('POST', '/v1/credentials', credentialBody(specificationId, [assessmentId])),
    );
    expect(
      (await asIssuer('POST', `/v1/assessments/${assessmentId}/annulment`, { note: 'proctor misconduct' }))
        .status,
    ).toBe(200);
    let credential = await asIssuer('GET', `/v1/credentials/${credentialId}`);
    for (let i = 0; i < 50 && credential.body.status !== 'revoked'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      credential = await asIssuer('GET', `/v1/credentials/${credentialId}`);
    }
    expect(credential.body).toMatchObject({ status: 'revoked', reason: 'assessment-annulled' });
    const trail = async (stream: string) =>
      (await ledger.request('GET', `/v1/streams/${stream}/events`, { token: world.auditorToken })).body
        .events;
    const annulment = (await trail(`assessment-${assessmentId}`)).find(
      (e: { type: string }) => e.type === 'AssessmentAnnulled',
    );
    expect((await trail(`credential-${credentialId}`)).at(-1).metadata.causationId).toBe(annulment.eventId);
  });
});
