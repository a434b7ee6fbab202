import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SqliteEventStore } from '@credence/event-store/sqlite';
import { replayHistory } from '@credence/ledger';
import { loadRuleset } from '@credence/rules';
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

type Envelope = {
  type: string;
  streamId: string;
  data: Record<string, unknown>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  metadata: Record<string, any>;
};

describe('Quality-benchmark rulesets over HTTP', () => {
  let ledger: TestLedger;
  let world: World;
  /** Accepted under 2022 by the tests below; 2026 would refuse both. */
  let eqf4SpecificationId: string;
  let unsupervisedSpecificationId: string;

  beforeAll(async () => {
    ledger = await startLedger();
    world = await accreditedIssuer(ledger);
  });
  afterAll(() => ledger.close());

  const asIssuer = (method: string, path: string, body?: unknown) =>
    ledger.request(method, path, { token: world.issuerToken, body });
  const events = async (stream: string): Promise<Envelope[]> => {
    const reply = await ledger.request('GET', `/v1/streams/${stream}/events`, { token: world.auditorToken });
    return reply.status === 404 ? [] : reply.body.events;
  };
  const issueFor = async (spec: object, assessedAt?: string) => {
    const specificationId = expectCreated(await asIssuer('POST', '/v1/specifications', spec));
    const assessmentId = expectCreated(
      await asIssuer('POST', '/v1/assessments', assessmentBody(specificationId, 'lrn-7f3a9c', assessedAt)),
    );
    return {
      specificationId,
      assessmentId,
      issue: () => asIssuer('POST', '/v1/credentials', credentialBody(specificationId, [assessmentId])),
    };
  };

  it('starts a new ledger with eu-microcredentials 2022-r2 active, recorded as an event', async () => {
    const listed = await asIssuer('GET', '/v1/rulesets');
    expect(listed.body.active).toMatchObject({ id: 'eu-microcredentials', version: '2022-r2' });
    expect(listed.body.rulesets.map((r: { version: string }) => r.version).sort()).toEqual([
      '2022',
      '2022-r2',
      '2026',
      '2026-r2',
    ]);
    const activations = await events('rulesets');
    expect(activations[0]).toMatchObject({
      type: 'RulesetActivated',
      data: { rulesetId: 'eu-microcredentials', version: '2022-r2', reason: 'startup-default' },
    });
  });

  it('shows one loaded ruleset with every rule, its severity and reference; an unknown one is 404', async () => {
    const listed = await asIssuer('GET', '/v1/rulesets');
    const one = await asIssuer('GET', '/v1/rulesets/eu-microcredentials/2022-r2');
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({
      id: 'eu-microcredentials',
      version: '2022-r2',
      hash: listed.body.active.hash,
    });
    const counted = listed.body.rulesets.find((r: { version: string }) => r.version === '2022-r2').rules;
    expect(one.body.rules).toHaveLength(counted);
    expect(one.body.rules).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          id: 'annex1.type-of-assessment',
          severity: 'block',
          reference: expect.stringContaining('Annex I'),
        }),
      ]),
    );
    const unknown = await asIssuer('GET', '/v1/rulesets/eu-microcredentials/1999');
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('ruleset.unknown');
  });

  it('refuses a specification without learning outcomes with 422 naming the rule, and appends nothing to it', async () => {
    const before = await events(`compliance-${world.issuerId}`);
    const { learningOutcomes: _omitted, ...withoutOutcomes } = specificationBody;
    const refused = await asIssuer('POST', '/v1/specifications', withoutOutcomes);
    expect(refused.status).toBe(422);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body.violations).toEqual([
      expect.objectContaining({
        ruleId: 'annex1.learning-outcomes',
        reference: expect.stringContaining('Learning outcomes'),
      }),
    ]);
    const recorded = (await events(`compliance-${world.issuerId}`)).slice(before.length);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({
      type: 'QualityCheckFailed',
      data: {
        commandType: 'PublishSpecification',
        findings: [expect.objectContaining({ ruleId: 'annex1.learning-outcomes' })],
      },
    });
    expect(await events(recorded[0].data.targetStreamId as string)).toEqual([]);
  });

  it('refuses issuance when the accreditation does not cover the EQF level, and records QualityCheckFailed', async () => {
    const { issue, specificationId } = await issueFor({ ...specificationBody, eqfLevel: 4 });
    eqf4SpecificationId = specificationId;
    const before = await events(`compliance-${world.issuerId}`);
    const refused = await issue();
    expect(refused.status).toBe(422);
    expect(refused.body.violations.map((v: { ruleId: string }) => v.ruleId)).toContain(
      'annex2.quality.accreditation',
    );
    const recorded = (await events(`compliance-${world.issuerId}`)).slice(before.length);
    expect(recorded.map((e) => [e.type, e.data.commandType])).toEqual([
      ['QualityCheckFailed', 'IssueCredential'],
    ]);
  });

  it('lets a warn rule through and records the finding in the event metadata', async () => {
    const unsupervised = { ...specificationBody, supervisionAndIdentityVerification: 'unsupervised' };
    const accepted = await asIssuer('POST', '/v1/specifications', unsupervised);
    const specificationId = expectCreated(accepted);
    unsupervisedSpecificationId = specificationId;
    const [published] = await events(`specification-${specificationId}`);
    expect(published.metadata.findings).toEqual([
      expect.objectContaining({ ruleId: 'annex1.identity-verification', severity: 'warn' }),
    ]);
  });

  it('dry-runs a command without appending', async () => {
    const head = await logHead(ledger);
    const unsupervised = { ...specificationBody, supervisionAndIdentityVerification: 'unsupervised' };
    const under2022 = await asIssuer('POST', '/v1/rules/evaluate', {
      command: { type: 'PublishSpecification', body: unsupervised },
    });
    expect(under2022.status).toBe(200);
    expect(under2022.body).toMatchObject({
      verdict: 'accepted',
      warnings: [expect.objectContaining({ ruleId: 'annex1.identity-verification' })],
    });
    const under2026 = await asIssuer('POST', '/v1/rules/evaluate', {
      ruleset: { id: 'eu-microcredentials', version: '2026-r2' },
      command: { type: 'PublishSpecification', body: unsupervised },
    });
    expect(under2026.body).toMatchObject({
      verdict: 'refused',
      blocked: [expect.objectContaining({ ruleId: 'annex1.identity-verification' })],
    });
    const malformed = await asIssuer('POST', '/v1/rules/evaluate', {
      command: { type: 'PublishSpecification', body: { title: 3 } },
    });
    expect(malformed.status).toBe(400);
    expect(await logHead(ledger)).toBe(head);
  });

  it('after the stricter version is activated, refuses the same command; accepted events carry the new hash; replay lists exactly what 2026 refuses', async () => {
    const unsupervised = { ...specificationBody, supervisionAndIdentityVerification: 'unsupervised' };
    // History under 2022: an issuance on a 500-day-old assessment (2022 allows 730 days, 2026 only 365).
    const old = await issueFor(specificationBody, daysAgo(500));
    const oldIssued = expectCreated(await old.issue());
    const issuerOnly = await ledger.request('POST', '/v1/rulesets/activation', {
      token: world.issuerToken,
      body: { id: 'eu-microcredentials', version: '2026-r2' },
    });
    expect(issuerOnly.status).toBe(403);

    const activated = await ledger.request('POST', '/v1/rulesets/activation', {
      token: world.qaToken,
      body: { id: 'eu-microcredentials', version: '2026-r2' },
    });
    expect(activated.status).toBe(200);
    const hash2026 = activated.body.active.hash as string;
    expect(hash2026).toMatch(/^[0-9a-f]{64}$/);
    const activation = (await events('rulesets')).at(-1)!;
    expect(activation).toMatchObject({
      type: 'RulesetActivated',
      data: { version: '2026-r2', hash: hash2026, reason: 'explicit' },
    });

    const refused = await asIssuer('POST', '/v1/specifications', unsupervised);
    expect(refused.status).toBe(422);
    expect(refused.body.ruleset.hash).toBe(hash2026);
    const accepted = expectCreated(await asIssuer('POST', '/v1/specifications', specificationBody));
    const [published] = await events(`specification-${accepted}`);
    expect(published.metadata.ruleset).toEqual({
      id: 'eu-microcredentials',
      version: '2026-r2',
      hash: hash2026,
    });

    // Replay the history under 2026: exactly these three past decisions would now be refused.
    const store = SqliteEventStore.open({ path: `${ledger.dataDir}/events.sqlite` });
    try {
      const report = await replayHistory(
        store,
        loadRuleset(resolve(__dirname, '../../rules/eu-microcredentials/2026-r2.yaml')),
      );
      const refusals = report.refused.map((d) => [d.commandType, d.streamId, d.blocked.map((f) => f.ruleId)]);
      expect(refusals).toEqual([
        [
          'PublishSpecification',
          `specification-${eqf4SpecificationId}`,
          ['annex2.quality.accreditation-at-publication'],
        ],
        [
          'PublishSpecification',
          `specification-${unsupervisedSpecificationId}`,
          ['annex1.identity-verification'],
        ],
        ['IssueCredential', `credential-${oldIssued}`, ['annex2.assessment.recent']],
      ]);
      expect(report.summary).toMatchObject({ refused: 3, invalid: 0 });
      expect(report.ruleset.hash).toBe(hash2026);
    } finally {
      await store.close();
    }
  });

  it('credence rules replay writes the JSON report and leaves the ledger untouched', async () => {
    const head = await logHead(ledger);
    const out = join(ledger.dataDir, 'replay.json');
    const root = resolve(__dirname, '../..');
    const printed = execFileSync(
      process.execPath,
      [
        '--import',
        './scripts/register-ts.mjs',
        'apps/cli/src/main.ts',
        'rules',
        'replay',
        '--ruleset',
        'rules/eu-microcredentials/2026-r2.yaml',
        '--out',
        out,
      ],
      {
        cwd: root,
        env: { ...process.env, CREDENCE_DATA_DIR: ledger.dataDir, NODE_OPTIONS: '' },
        encoding: 'utf8',
      },
    );
    expect(printed).toMatch(/eu-microcredentials@2026-r2: \d+ past decisions, 3 would be refused/);
    const report = JSON.parse(readFileSync(out, 'utf8'));
    expect(report.refused.map((d: { commandType: string }) => d.commandType)).toEqual([
      'PublishSpecification',
      'PublishSpecification',
      'IssueCredential',
    ]);
    expect(await logHead(ledger)).toBe(head);
  });
});
