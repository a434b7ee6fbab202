import { accreditedIssuer, logHead, specificationBody, type World } from '../support/fixtures';
import { startLedger, type TestLedger } from '../support/ledger-app';

/** Each rule refusal is recorded (QualityCheckFailed); a client looping on a refused command must not flood the log. */
describe('Rule refusals are rate-limited per principal (CREDENCE_REFUSAL_LIMIT)', () => {
  let ledger: TestLedger;
  let a: World;
  let b: World;

  beforeAll(async () => {
    ledger = await startLedger({ CREDENCE_REFUSAL_LIMIT: '3', CREDENCE_RATE_LIMIT_WINDOW_SECONDS: '600' });
    a = await accreditedIssuer(ledger);
    b = await accreditedIssuer(ledger);
  });
  afterAll(() => ledger.close());

  const refusedSpecification = (token: string) =>
    ledger.request('POST', '/v1/specifications', {
      token,
      body: { ...specificationBody, learningOutcomes: [] },
    });

  it('given a limit of 3, when issuer A sends 5 commands the rules refuse, then 3 are recorded with 422 and the rest get 429 with Retry-After and append nothing', async () => {
    const recorded: number[] = [];
    for (let i = 0; i < 3; i++) {
      const head = await logHead(ledger);
      recorded.push((await refusedSpecification(a.issuerToken)).status);
      expect(await logHead(ledger)).not.toBe(head);
    }
    expect(recorded).toEqual([422, 422, 422]);
    for (let i = 0; i < 2; i++) {
      const head = await logHead(ledger);
      const limited = await refusedSpecification(a.issuerToken);
      expect(limited.status).toBe(429);
      expect(limited.headers.get('content-type')).toContain('application/problem+json');
      expect(limited.body).toMatchObject({ code: 'rules.refusals-rate-limited' });
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(600);
      expect(await logHead(ledger)).toBe(head);
    }
  });

  it('given A is limited, then B’s refusals are still recorded, and A’s accepted commands still pass', async () => {
    expect((await refusedSpecification(b.issuerToken)).status).toBe(422);
    const accepted = await ledger.request('POST', '/v1/specifications', {
      token: a.issuerToken,
      body: specificationBody,
    });
    expect(accepted.status).toBe(201);
  });
});
