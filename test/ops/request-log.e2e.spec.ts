import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { accreditedIssuer, assessmentBody, expectCreated, specificationBody } from '../support/fixtures';
import { ADMIN_TOKEN, type Reply } from '../support/ledger-app';
import { type ApiProcess, spawnApi, terminate } from '../support/api-process';

const tempDir = () => mkdtempSync(join(tmpdir(), 'credence-log-'));

describe('The request log of a running API', () => {
  const dataDir = tempDir();
  let api: ApiProcess;
  const secrets: string[] = [ADMIN_TOKEN];
  let output = '';
  let lines: Record<string, unknown>[] = [];
  let assessed: Reply;
  let refusedStatus: number;
  let exitCode: number | null;

  beforeAll(async () => {
    api = await spawnApi(dataDir);
    // Given principals created through the API (their tokens are in the replies), bearer auth on every call,
    const world = await accreditedIssuer(api);
    secrets.push(world.issuerToken, world.qaToken, world.auditorToken);
    const specificationId = expectCreated(
      await api.request('POST', '/v1/specifications', { token: world.issuerToken, body: specificationBody }),
    );
    // and an assessment that carries a learner's identity hash, under a correlation id of ours,
    const assessment = assessmentBody(specificationId);
    secrets.push(assessment.learner.identity.identityHash);
    assessed = await api.request('POST', '/v1/assessments', {
      token: world.issuerToken,
      body: assessment,
      headers: { 'x-correlation-id': 'corr-log-test-1' },
    });
    // and a refused request with a wrong token.
    refusedStatus = (await api.request('GET', '/v1/projections', { token: 'cred_not-a-real-token-000000' }))
      .status;
    secrets.push('cred_not-a-real-token-000000');
    // When the API stops and its whole log is read,
    exitCode = await terminate(api);
    output = api.output();
    lines = api.logLines();
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('answered the requests and stopped cleanly', () => {
    expect([assessed.status, refusedStatus, exitCode]).toEqual([201, 401, 0]);
    expect(assessed.headers.get('x-correlation-id')).toBe('corr-log-test-1');
  });

  it('never contains a token, an authorization header or an identity hash', () => {
    for (const secret of secrets) expect(output).not.toContain(secret);
    expect(output.toLowerCase()).not.toContain('authorization');
    expect(output).not.toContain('identityHash');
  });

  it('is JSON, one line per request with method, route pattern, status, duration, principal and correlation id', () => {
    expect(
      output
        .trim()
        .split('\n')
        .every((line) => line.startsWith('{')),
    ).toBe(true);
    const requests = lines.filter((l) => l.msg === 'request completed');
    // The QA body, 3 principals, the issuer, its accreditation, the specification, the assessment and the 401 (plus start-up's /health/live polls).
    expect(requests.filter((l) => l.route !== '/health/live')).toHaveLength(9);
    const assessment = requests.find((l) => l.route === '/v1/assessments');
    expect(assessment).toEqual(
      expect.objectContaining({
        level: 30,
        method: 'POST',
        path: '/v1/assessments',
        status: 201,
        durationMs: expect.any(Number),
        principal: { id: expect.any(String), role: 'issuer' },
        correlationId: 'corr-log-test-1',
      }),
    );
    const accreditation = requests.find((l) => l.route === '/v1/issuers/:id/accreditations');
    expect(accreditation).toEqual(
      expect.objectContaining({ status: 201, principal: expect.objectContaining({ role: 'qa-body' }) }),
    );
    const refused = requests.find((l) => l.status === 401);
    expect(refused).toEqual(
      expect.objectContaining({ route: '/v1/projections', correlationId: expect.any(String) }),
    );
    expect(refused).not.toHaveProperty('principal');
  });
});

describe('LOG_LEVEL and LOG_FORMAT', () => {
  const dirs = [tempDir(), tempDir()];
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('LOG_LEVEL=warn leaves out the request lines; LOG_FORMAT=pretty writes them for a person', async () => {
    const [quiet, pretty] = await Promise.all([
      spawnApi(dirs[0], { LOG_LEVEL: 'warn' }),
      spawnApi(dirs[1], { LOG_FORMAT: 'pretty' }),
    ]);
    await Promise.all([quiet, pretty].map((api) => api.request('GET', '/health')));
    expect(await Promise.all([terminate(quiet), terminate(pretty)])).toEqual([0, 0]);
    expect(quiet.output()).not.toContain('request completed');
    expect(pretty.output()).toContain('request completed');
    expect(pretty.output()).toContain('/health');
    expect(
      pretty
        .output()
        .split('\n')
        .some((line) => line.startsWith('{')),
    ).toBe(false);
  });
});
