import { type BatchStatus, uploadBatch, waitForBatch } from '../batch/batch-client';
import { progressLine } from '../progress-line';
import { assessmentBody, batchRow, cohortsOf, type Placement } from './bodies';
import { QA_BODIES } from './catalogue';
import { DemoClient } from './demo-client';
import { expectAllIssued, expectVerdict } from './verdicts';
import { DAY, type Enrolment, iso, planWorld, type Scale } from './world';

export type SeedOptions = Readonly<{ api: string; token: string; scale: Scale; seed: number }>;
export type SeedIo = Readonly<{ out: (line: string) => void; progress: NodeJS.WriteStream }>;

export const DEMO_ROLES = ['qa-body', 'issuer', 'auditor', 'regulator'] as const;

export type DemoSummary = Readonly<{
  counts: Record<string, number>;
  revokedByReason: Record<string, number>;
  /** One demo principal's token per role. */
  tokens: Record<(typeof DEMO_ROLES)[number], string>;
  issuerIds: readonly string[];
  specificationIds: readonly string[];
  specificationTitles: readonly string[];
  stackIds: readonly string[];
  reissuedId: string;
}>;

type Issued = Readonly<{ credentialId: string; assessmentId: string }>;

const STEPS = { plural: 'steps', perSecond: 'steps/s' };
const ROWS = { plural: 'rows', perSecond: 'rows/s' };
/** Batches applied at once: one lane per issuer would starve the API on a small machine. */
const BATCH_LANES = 3;

/**
 * Builds the demo world through the HTTP API only, phase by phase, so every event carries the real
 * command path's verdicts. Throws when the ledger answers otherwise than planned.
 */
export const seedDemo = async (options: SeedOptions, io: SeedIo): Promise<DemoSummary> => {
  const world = planWorld(options.scale, options.seed);
  const client = new DemoClient(options.api, `demo-${options.scale}-${options.seed}`);
  const now = await client.now();
  const admin = options.token;
  const counts: Record<string, number> = {};
  const count = (kind: string, n = 1) => (counts[kind] = (counts[kind] ?? 0) + n);
  const phase = (label: string, total: number) => {
    const show = progressLine(io.progress, total, STEPS, `${label.padEnd(16)}`);
    let done = 0;
    show(0);
    return () => show(++done);
  };

  // Phase 1: QA bodies and the demo principals.
  let step = phase('qa bodies', QA_BODIES.length * 2 + 2);
  const qa: Record<string, { id: string; token: string }> = {};
  for (const body of QA_BODIES) {
    const id = await client.create(
      admin,
      '/v1/qa-bodies',
      { name: body.name, country: body.country },
      `qa-${body.key}`,
    );
    step();
    const principal = await client.post(
      admin,
      '/v1/principals',
      { role: 'qa-body', qaBodyId: id, name: `${body.name} demo desk` },
      `principal-qa-${body.key}`,
    );
    qa[body.key] = { id, token: principal.token as string };
    step();
    count('qa bodies');
  }
  const principal = async (role: string, name: string) => {
    const answer = await client.post(admin, '/v1/principals', { role, name }, `principal-${role}`);
    step();
    return answer.token as string;
  };
  const auditor = await principal('auditor', 'Demo auditor');
  const regulator = await principal('regulator', 'Demo regulator');

  // Phase 2: issuers, their accreditations and registrars.
  step = phase('issuers', world.issuers.length * 3);
  const issuers: { id: string; accreditationId: string; token: string; qaToken: string }[] = [];
  for (const [i, profile] of world.issuers.entries()) {
    const qaToken = qa[profile.qaBody].token;
    const { legalName, country, registrationId } = profile;
    const id = await client.create(
      qaToken,
      '/v1/issuers',
      { legalName, country, registrationId },
      `issuer-${i}`,
    );
    step();
    const accreditationId = await client.create(
      qaToken,
      `/v1/issuers/${id}/accreditations`,
      {
        scope: { eqfLevels: [4, 5, 6, 7] },
        validFrom: iso(now - 600 * DAY),
        validUntil: iso(now + 4 * 365 * DAY),
      },
      `accreditation-${i}`,
    );
    step();
    const registrar = await client.post(
      admin,
      '/v1/principals',
      { role: 'issuer', issuerId: id, name: `${legalName} registrar` },
      `principal-issuer-${i}`,
    );
    step();
    issuers.push({ id, accreditationId, token: registrar.token as string, qaToken });
    count('issuers');
    count('accreditations');
  }

  // Phase 3: specifications; the non-compliant ones must be refused by the rule the plan names.
  step = phase('specifications', world.specifications.length);
  const specIds = new Map<string, string>();
  for (const spec of world.specifications) {
    const answer = await client.attempt(
      issuers[spec.issuer].token,
      '/v1/specifications',
      spec.body,
      spec.key,
    );
    expectVerdict(spec, answer);
    if (answer.status === 201) {
      specIds.set(spec.key, answer.body.id as string);
      count('specifications');
      if (spec.warnedBy) count('specifications with warnings');
    } else count('refused attempts');
    step();
  }
  const specOf = (key: string) => world.specifications.find((s) => s.key === key)!;
  const placement: Placement = { world, now, specIds };

  // Phase 4: pathways.
  step = phase('pathways', world.pathways.length);
  const pathwayIds = new Map<string, string>();
  for (const pathway of world.pathways) {
    const { title, completion, minimumEcts } = pathway;
    const components = pathway.components.map((key) => specIds.get(key)!);
    pathwayIds.set(
      pathway.key,
      await client.create(
        issuers[pathway.issuer].token,
        '/v1/pathways',
        { title, components, completion, minimumEcts },
        pathway.key,
      ),
    );
    count('pathways');
    step();
  }

  // Phase 5: one bulk batch per cohort (a specification's intake), a few issuers' batches at once.
  const cohorts = cohortsOf(world);
  const rows = world.enrolments.filter((e) => e.outcome === 'pass').length;
  const showRows = progressLine(io.progress, rows, ROWS, `${'cohorts'.padEnd(16)}`);
  showRows(0);
  let rowsDone = 0;
  const issued = new Map<string, Issued>();
  const lanes = Array.from({ length: BATCH_LANES }, (_, lane) =>
    cohorts.filter((_c, n) => n % BATCH_LANES === lane),
  );
  await Promise.all(
    lanes.map(async (lane) => {
      for (const cohort of lane) {
        const spec = specOf(cohort.spec);
        const issuer = issuers[spec.issuer];
        const body = cohort.enrolments.map((e) => JSON.stringify(batchRow(placement, e))).join('\n');
        const { id } = await uploadBatch(client.api(issuer.token), {
          body: Buffer.from(body),
          mediaType: 'application/x-ndjson',
          idempotencyKey: `demo-${options.scale}-${options.seed}-${cohort.key}`,
        });
        let seen = 0;
        const status = await waitForBatch(
          client.api(issuer.token),
          id,
          (done) => {
            rowsDone += done - seen;
            seen = done;
            showRows(rowsDone);
          },
          100,
        );
        expectAllIssued(cohort.key, status);
        for (const result of status.results as readonly (BatchStatus['results'][number] & Issued)[])
          issued.set(result.rowKey!, {
            credentialId: result.credentialId,
            assessmentId: result.assessmentId,
          });
        count('credentials', status.issued);
        count('assessments', status.issued);
        count('batches');
      }
    }),
  );
  count('learners', new Set(world.enrolments.map((e) => e.learner)).size);

  // Phase 6: the failed assessments, recorded one by one (they issue nothing).
  const fails = world.enrolments.filter((e) => e.outcome === 'fail');
  step = phase('failed exams', fails.length);
  for (const fail of fails) {
    const spec = specOf(fail.spec);
    await client.create(
      issuers[spec.issuer].token,
      '/v1/assessments',
      assessmentBody(placement, fail),
      fail.key,
    );
    count('assessments');
    count('failed assessments');
    step();
  }

  // Phase 7: stacks, then what happens to credentials and accreditations afterwards.
  const life = world.lifecycle;
  const awards = world.pathways.flatMap((p) => p.awards.map((award) => ({ pathway: p, ...award })));
  const reinstated = life.suspensions.filter((x) => x.reinstate);
  // Three accreditation changes, the refused issuance, the annulment and the re-issue.
  const singles = 6;
  step = phase(
    'lifecycle',
    awards.length + life.suspensions.length + reinstated.length + life.revocations.length + singles,
  );
  const credentialOf = (enrolmentKey: string) => issued.get(enrolmentKey)!.credentialId;
  const enrolmentOf = (learner: number, spec: string) =>
    world.enrolments.find((e) => e.learner === learner && e.spec === spec)!;
  const stackIds: string[] = [];
  for (const [n, award] of awards.entries()) {
    stackIds.push(
      await client.create(
        issuers[award.pathway.issuer].token,
        '/v1/stacked-credentials',
        {
          pathwayId: pathwayIds.get(award.pathway.key),
          learnerId: world.learners[award.learner].id,
          componentCredentialIds: award.components.map((spec) =>
            credentialOf(enrolmentOf(award.learner, spec).key),
          ),
        },
        `stack-${n}`,
      ),
    );
    count('stacked credentials');
    step();
  }
  const issuerOfEnrolment = (key: string) =>
    issuers[specOf(world.enrolments.find((e) => e.key === key)!.spec).issuer];
  const credentialPost = async (key: string, action: string, body: object, token?: string) => {
    await client.post(
      token ?? issuerOfEnrolment(key).token,
      `/v1/credentials/${credentialOf(key)}/${action}`,
      body,
      `${action}-${key}`,
    );
    step();
  };
  for (const s of life.suspensions) {
    await credentialPost(s.enrolment, 'suspension', { reason: s.reason, note: 'Complaint under review' });
    count('suspensions');
  }
  for (const s of reinstated) {
    await credentialPost(s.enrolment, 'reinstatement', { note: 'Review closed, no finding' });
    count('reinstatements');
  }

  // The accreditation suspended, an issuance refused meanwhile, then reinstated.
  const revokedByReason: Record<string, number> = {};
  const accreditationAction = async (issuer: (typeof issuers)[number], action: string, note: string) => {
    await client.post(
      issuer.qaToken,
      `/v1/issuers/${issuer.id}/accreditations/${issuer.accreditationId}/${action}`,
      { note },
      `${action}-${issuer.id}`,
    );
    count(`accreditations: ${action}`);
    step();
  };
  const suspended = issuers[world.issuers.findIndex((p) => p.story === 'suspended-then-reinstated')];
  await accreditationAction(suspended, 'suspension', 'Annual report overdue');
  await refusedIssuance(client, placement, suspended.token, count);
  step();
  await accreditationAction(suspended, 'reinstatement', 'Annual report received');
  const withdrawn = issuers[world.issuers.findIndex((p) => p.story === 'withdrawn')];
  await accreditationAction(withdrawn, 'withdrawal', 'Programme closed after external review');

  for (const r of life.revocations) {
    await credentialPost(r.enrolment, 'revocation', { reason: r.reason, note: `Demo: ${r.reason}` });
    revokedByReason[r.reason] = (revokedByReason[r.reason] ?? 0) + 1;
    count('revocations');
  }
  // The reactor revokes the annulled assessment's credential (reason assessment-annulled).
  await client.post(
    issuerOfEnrolment(life.annulment).token,
    `/v1/assessments/${issued.get(life.annulment)!.assessmentId}/annulment`,
    { note: 'Exam irregularity confirmed' },
    `annulment-${life.annulment}`,
  );
  revokedByReason['assessment-annulled'] = 1;
  count('annulled assessments');
  step();
  const reissuedId = await client.create(
    issuerOfEnrolment(life.reissue).token,
    `/v1/credentials/${credentialOf(life.reissue)}/reissue`,
    { note: 'Name corrected at the learner’s request' },
    `reissue-${life.reissue}`,
  );
  count('re-issued credentials');
  step();
  count('principals', QA_BODIES.length + 2 + issuers.length);

  const published = world.specifications.filter((s) => specIds.has(s.key));
  return {
    counts,
    revokedByReason,
    tokens: { 'qa-body': qa.nl.token, issuer: issuers[0].token, auditor, regulator },
    issuerIds: issuers.map((i) => i.id),
    specificationIds: published.map((s) => specIds.get(s.key)!),
    specificationTitles: published.map((s) => s.body.title),
    stackIds,
    reissuedId,
  };
};

const refusedIssuance = async (
  client: DemoClient,
  placement: Placement,
  token: string,
  count: (kind: string) => void,
) => {
  const { world, now } = placement;
  const { learner, spec } = world.lifecycle.refusedIssuance;
  const enrolment: Enrolment = {
    key: 'late',
    learner,
    spec,
    intake: 0,
    outcome: 'pass',
    grade: '7.0',
    assessor: 'Dr. M. Verbeek',
    minute: 0,
  };
  const body = {
    ...assessmentBody(placement, enrolment),
    assessedAt: iso(now - 2 * DAY),
  };
  const assessmentId = await client.create(token, '/v1/assessments', body, 'refused-issuance-assessment');
  count('assessments');
  const answer = await client.attempt(
    token,
    '/v1/credentials',
    {
      specificationId: body.specificationId,
      learnerId: body.learner.id,
      assessmentIds: [assessmentId],
      validFrom: iso(now - DAY),
    },
    'refused-issuance',
  );
  if (answer.status !== 422)
    throw new Error(`issuance under a suspended accreditation: expected 422, got ${answer.status}`);
  count('refused attempts');
};
