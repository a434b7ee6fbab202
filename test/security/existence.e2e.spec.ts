import { startLedger, type TestLedger } from '../support/ledger-app';
import { accreditedIssuer, assessmentBody, credentialBody, expectCreated, logHead, specificationBody, type World } from '../support/fixtures';

/** What an answer tells its reader, minus the id it echoes. */
const shape = (reply: { status: number; body: { code?: string; title?: string; detail?: string } }, id: string) => ({
  status: reply.status,
  code: reply.body.code,
  title: reply.body.title?.replaceAll(id, '<id>'),
  detail: reply.body.detail?.replaceAll(id, '<id>'),
});

describe("Issuer B cannot tell issuer A's ids from unknown ones", () => {
  let ledger: TestLedger;
  let a: World;
  let b: World;
  let theirs: { specificationId: string; assessmentId: string; credentialId: string };

  beforeAll(async () => {
    ledger = await startLedger();
    a = await accreditedIssuer(ledger);
    b = await accreditedIssuer(ledger);
    const asA = (path: string, body: object) => ledger.request('POST', path, { token: a.issuerToken, body });
    const specificationId = expectCreated(await asA('/v1/specifications', specificationBody));
    const assessmentId = expectCreated(await asA('/v1/assessments', assessmentBody(specificationId)));
    const credentialId = expectCreated(await asA('/v1/credentials', credentialBody(specificationId, [assessmentId])));
    theirs = { specificationId, assessmentId, credentialId };
  });
  afterAll(() => ledger.close());

  const asB = (method: string, path: string, body?: object) => ledger.request(method, path, { token: b.issuerToken, body });
  const unknown = 'no-such-id-0001';

  it.each([
    ['GET /v1/credentials/{id}', (id: string) => asB('GET', `/v1/credentials/${id}`), 'credentialId'],
    ['GET /v1/assessments/{id}', (id: string) => asB('GET', `/v1/assessments/${id}`), 'assessmentId'],
    ['GET /v1/credentials/{id}/status', (id: string) => asB('GET', `/v1/credentials/${id}/status`), 'credentialId'],
    ['GET /v1/register/comparison', (id: string) => asB('GET', `/v1/register/comparison?ids=${id}`), 'specificationId'],
    ['POST /v1/credentials/{id}/revocation', (id: string) => asB('POST', `/v1/credentials/${id}/revocation`, { reason: 'issued-in-error' }), 'credentialId'],
    ['POST /v1/credentials/{id}/suspension', (id: string) => asB('POST', `/v1/credentials/${id}/suspension`, { reason: 'under-investigation' }), 'credentialId'],
    ['POST /v1/assessments/{id}/annulment', (id: string) => asB('POST', `/v1/assessments/${id}/annulment`, {}), 'assessmentId'],
    ['POST /v1/specifications/{id}/retirement', (id: string) => asB('POST', `/v1/specifications/${id}/retirement`, {}), 'specificationId'],
    ['POST /v1/assessments (specificationId)', (id: string) => asB('POST', '/v1/assessments', assessmentBody(id)), 'specificationId'],
  ] as const)('%s answers the same 404 for both', async (_route, call, which) => {
    const head = await logHead(ledger);
    const known = await call(theirs[which]);
    const missing = await call(unknown);
    expect(known.status).toBe(404);
    expect(shape(known, theirs[which])).toEqual(shape(missing, unknown));
    expect(await logHead(ledger)).toBe(head);
  });
});
