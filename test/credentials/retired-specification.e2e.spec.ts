import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  accreditedIssuer,
  assessmentBody,
  credentialBody,
  expectCreated,
  specificationBody,
  type World,
} from '../support/fixtures';
import { startLedger, type TestLedger } from '../support/ledger-app';

/**
 * The server stamps commands with the real clock, so the end of the grace period is shown by a
 * ruleset whose grace is already over (-1 days): the 2022-r2 ruleset with that one parameter changed.
 */
const rulesWithExpiredGrace = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'credence-rules-'));
  cpSync(resolve(__dirname, '../../rules'), dir, { recursive: true });
  const source = readFileSync(join(dir, 'eu-microcredentials/2022-r2.yaml'), 'utf8');
  const expired = source
    .replace(/^id: eu-microcredentials$/m, 'id: grace-over')
    .replace(/^version: .*$/m, "version: '1'")
    .replace(/retiredSpecificationGraceDays: 90/, 'retiredSpecificationGraceDays: -1');
  expect(expired).toContain('retiredSpecificationGraceDays: -1');
  mkdirSync(join(dir, 'grace-over'));
  writeFileSync(join(dir, 'grace-over/1.yaml'), expired);
  return dir;
};

describe('A retired specification over HTTP: issuance in its grace period only', () => {
  let ledger: TestLedger;
  let world: World;
  let rulesDir: string;

  const asIssuer = (method: string, path: string, body?: unknown) =>
    ledger.request(method, path, { token: world.issuerToken, body });
  const assessed = async (specificationId: string, learnerId: string) =>
    expectCreated(await asIssuer('POST', '/v1/assessments', assessmentBody(specificationId, learnerId)));
  const issue = (specificationId: string, assessmentId: string, learnerId: string) =>
    asIssuer('POST', '/v1/credentials', credentialBody(specificationId, [assessmentId], learnerId));

  beforeAll(async () => {
    rulesDir = rulesWithExpiredGrace();
    ledger = await startLedger({ CREDENCE_RULES_DIR: rulesDir });
    world = await accreditedIssuer(ledger);
  });
  afterAll(async () => {
    await ledger.close();
    rmSync(rulesDir, { recursive: true, force: true });
  });

  it('issues to learners assessed before the retirement within the grace period, re-issues after it, and nothing new', async () => {
    const specificationId = expectCreated(await asIssuer('POST', '/v1/specifications', specificationBody));
    const early = await assessed(specificationId, 'lrn-early');
    const late = await assessed(specificationId, 'lrn-late');
    const tooLate = await assessed(specificationId, 'lrn-too-late');
    const issuedBefore = expectCreated(await issue(specificationId, early, 'lrn-early'));
    expect((await asIssuer('POST', `/v1/specifications/${specificationId}/retirement`, {})).status).toBe(200);

    // No learner can be assessed against it any more, so none assessed later can be issued to.
    const after = await asIssuer('POST', '/v1/assessments', assessmentBody(specificationId, 'lrn-after'));
    expect(after.body).toMatchObject({ code: 'specification.retired' });

    // In the grace period (2022: 90 days): an assessed learner still gets the credential.
    expectCreated(await issue(specificationId, late, 'lrn-late'));

    // Once the grace period is over: no new issuance, but a correction is still a re-issue.
    const activated = await ledger.request('POST', '/v1/rulesets/activation', {
      token: world.qaToken,
      body: { id: 'grace-over', version: '1' },
    });
    expect(activated.status).toBe(200);
    const refused = await issue(specificationId, tooLate, 'lrn-too-late');
    expect(refused.status).toBe(422);
    expect(JSON.stringify(refused.body)).toContain('issuance.retired-specification');
    const reissued = await asIssuer('POST', `/v1/credentials/${issuedBefore}/reissue`, {
      note: 'name corrected',
    });
    expect(reissued.status).toBe(201);
  });
});
