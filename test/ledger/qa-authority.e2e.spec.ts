import { ADMIN_TOKEN, startLedger, type TestLedger } from '../support/ledger-app';
import {
  accreditationBody,
  accreditedIssuer,
  assessmentBody,
  credentialBody,
  expectCreated,
  logHead,
  qaBodyDesk,
  specificationBody,
  type World,
} from '../support/fixtures';

describe('QA bodies are principals bound to a registered QA body (finding 5)', () => {
  let ledger: TestLedger;
  let world: World;
  let other: { qaBodyId: string; qaToken: string };
  let credentialId: string;

  const asNvao = (method: string, path: string, body?: unknown) =>
    ledger.request(method, path, { token: world.qaToken, body });
  const asOther = (method: string, path: string, body?: unknown) =>
    ledger.request(method, path, { token: other.qaToken, body });
  const accreditations = `/v1/issuers/:id/accreditations`;
  const expectRefused = async (
    reply: Promise<{ status: number; body: { code?: string } }>,
    status: number,
    code: string,
  ) => {
    const head = await logHead(ledger);
    const answer = await reply;
    expect(answer.status).toBe(status);
    expect(answer.body.code).toBe(code);
    expect(await logHead(ledger)).toBe(head);
  };

  beforeAll(async () => {
    ledger = await startLedger();
    world = await accreditedIssuer(ledger);
    other = await qaBodyDesk(ledger, 'AQAS');
    const asIssuer = (path: string, body: unknown) =>
      ledger.request('POST', path, { token: world.issuerToken, body });
    const specificationId = expectCreated(await asIssuer('/v1/specifications', specificationBody));
    const assessmentId = expectCreated(await asIssuer('/v1/assessments', assessmentBody(specificationId)));
    credentialId = expectCreated(
      await asIssuer('/v1/credentials', credentialBody(specificationId, [assessmentId])),
    );
  });
  afterAll(() => ledger.close());

  it('registers a QA body (admin only) and shows it by id and name', async () => {
    const registered = await ledger.request('GET', `/v1/qa-bodies/${world.qaBodyId}`, {
      token: world.auditorToken,
    });
    expect(registered.body).toMatchObject({ id: world.qaBodyId, name: 'NVAO', country: 'NL' });
    const byQa = await asNvao('POST', '/v1/qa-bodies', { name: 'Self-made', country: 'NL' });
    expect(byQa.status).toBe(403);
  });

  it('refuses a qa-body principal without a valid qaBodyId with 400', async () => {
    const create = (body: object) => ledger.request('POST', '/v1/principals', { token: ADMIN_TOKEN, body });
    expect((await create({ role: 'qa-body', name: 'Unbound' })).status).toBe(400);
    const unknown = await create({ role: 'qa-body', qaBodyId: 'no-such-body', name: 'Unbound' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.code).toBe('principal.qa-body-unknown');
  });

  it("grants an accreditation in the principal's QA body's name, and refuses another body's name", async () => {
    const path = accreditations.replace(':id', world.issuerId);
    const id = expectCreated(await asNvao('POST', path, accreditationBody));
    const issuer = await asNvao('GET', `/v1/issuers/${world.issuerId}`);
    expect(
      issuer.body.accreditations.find((a: { accreditationId: string }) => a.accreditationId === id),
    ).toMatchObject({
      qaBodyId: world.qaBodyId,
      qaBody: 'NVAO',
    });
    await expectRefused(
      asOther('POST', path, { ...accreditationBody, qaBody: 'NVAO' }),
      400,
      'qa-body.not-acting-body',
    );
  });

  it('lets only the granting QA body suspend, reinstate and withdraw; reinstating a withdrawn one is 409 (finding 4)', async () => {
    const path = accreditations.replace(':id', world.issuerId);
    const id = expectCreated(await asNvao('POST', path, accreditationBody));
    await expectRefused(asOther('POST', `${path}/${id}/suspension`, {}), 403, 'qa-body.not-granting');
    expect((await asNvao('POST', `${path}/${id}/suspension`, { note: 'visit' })).body.status).toBe(
      'suspended',
    );
    await expectRefused(asOther('POST', `${path}/${id}/reinstatement`, {}), 403, 'qa-body.not-granting');
    const reinstated = await asNvao('POST', `${path}/${id}/reinstatement`, { note: 'resolved' });
    expect(reinstated.status).toBe(200);
    expect(reinstated.body.status).toBe('active');
    await expectRefused(asOther('POST', `${path}/${id}/withdrawal`, {}), 403, 'qa-body.not-granting');
    expect((await asNvao('POST', `${path}/${id}/withdrawal`, {})).body.status).toBe('withdrawn');
    await expectRefused(
      asNvao('POST', `${path}/${id}/reinstatement`, {}),
      409,
      'issuer.accreditation-withdrawn',
    );
  });

  it('lets a QA body suspend and reinstate credentials only of issuers it accredits, and never revoke', async () => {
    await expectRefused(
      asOther('POST', `/v1/credentials/${credentialId}/suspension`, { reason: 'under-investigation' }),
      403,
      'qa-body.not-accrediting',
    );
    expect(
      (await asNvao('POST', `/v1/credentials/${credentialId}/suspension`, { reason: 'under-investigation' }))
        .body.status,
    ).toBe('suspended');
    await expectRefused(
      asOther('POST', `/v1/credentials/${credentialId}/reinstatement`, {}),
      403,
      'qa-body.not-accrediting',
    );
    expect((await asNvao('POST', `/v1/credentials/${credentialId}/reinstatement`, {})).body.status).toBe(
      'active',
    );
    await expectRefused(
      asNvao('POST', `/v1/credentials/${credentialId}/revocation`, { reason: 'fraud' }),
      403,
      'forbidden',
    );
  });
});
