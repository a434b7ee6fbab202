import { startLedger, type TestLedger } from '../support/ledger-app';
import { assessmentBody, logHead } from '../support/fixtures';
import { answerShape, type TwoIssuers, twoIssuers } from '../support/two-issuers';

describe("Issuer B cannot tell issuer A's ids from unknown ones", () => {
  let ledger: TestLedger;
  let world: TwoIssuers;

  beforeAll(async () => {
    ledger = await startLedger();
    world = await twoIssuers(ledger);
  });
  afterAll(() => ledger.close());

  const asB = (method: string, path: string, body?: object) =>
    ledger.request(method, path, { token: world.b.issuerToken, body });
  const unknown = 'no-such-id-0001';

  it.each([
    ['GET /v1/credentials/{id}', (id: string) => asB('GET', `/v1/credentials/${id}`), 'credentialId'],
    ['GET /v1/assessments/{id}', (id: string) => asB('GET', `/v1/assessments/${id}`), 'assessmentId'],
    [
      'GET /v1/credentials/{id}/status',
      (id: string) => asB('GET', `/v1/credentials/${id}/status`),
      'credentialId',
    ],
    [
      'GET /v1/register/comparison',
      (id: string) => asB('GET', `/v1/register/comparison?ids=${id}`),
      'specificationId',
    ],
    [
      'POST /v1/credentials/{id}/revocation',
      (id: string) => asB('POST', `/v1/credentials/${id}/revocation`, { reason: 'issued-in-error' }),
      'credentialId',
    ],
    [
      'POST /v1/credentials/{id}/suspension',
      (id: string) => asB('POST', `/v1/credentials/${id}/suspension`, { reason: 'under-investigation' }),
      'credentialId',
    ],
    [
      'POST /v1/assessments/{id}/annulment',
      (id: string) => asB('POST', `/v1/assessments/${id}/annulment`, {}),
      'assessmentId',
    ],
    [
      'POST /v1/specifications/{id}/retirement',
      (id: string) => asB('POST', `/v1/specifications/${id}/retirement`, {}),
      'specificationId',
    ],
    [
      'POST /v1/assessments (specificationId)',
      (id: string) => asB('POST', '/v1/assessments', assessmentBody(id)),
      'specificationId',
    ],
  ] as const)('%s answers the same 404 for both', async (_route, call, which) => {
    const head = await logHead(ledger);
    const known = await call(world.theirs[which]);
    const missing = await call(unknown);
    expect(known.status).toBe(404);
    expect(answerShape(known, world.theirs[which])).toEqual(answerShape(missing, unknown));
    expect(await logHead(ledger)).toBe(head);
  });
});
