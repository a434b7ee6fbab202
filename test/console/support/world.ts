import { comparePositions } from '@credence/event-store';
import { type TestLedger } from '../../support/ledger-app';
import {
  accreditationBody,
  accreditedIssuer,
  assessmentBody,
  daysAgo,
  expectCreated,
  specificationBody,
  type World,
} from '../../support/fixtures';

/**
 * The console tests' one world, built through the API. Principals come from `accreditedIssuer`
 * (test/support/fixtures.ts), so a qa-body binding added there reaches these tests too.
 */
export type ConsoleWorld = Readonly<{
  a: World & { legalName: string };
  b: World & { legalName: string };
  /** Issuer A's three specifications that differ in EQF level, workload and assessment. */
  specs: readonly string[];
  credentials: Readonly<{ active: string; revoked: string; suspended: string; otherIssuers: string }>;
  /** Refused attempts recorded on A's compliance stream, and the rule that refused them. */
  refusals: Readonly<{ count: number; ruleId: string }>;
}>;

const ok = (reply: { status: number; body: unknown }, what: string) => {
  if (reply.status >= 300) throw new Error(`${what}: ${reply.status} ${JSON.stringify(reply.body)}`);
};

const named = async (ledger: TestLedger, legalName: string, country: string) => ({
  ...(await accreditedIssuer(ledger, accreditationBody, {
    legalName,
    country,
    registrationId: `REG-${legalName.length}`,
  })),
  legalName,
});

export const buildConsoleWorld = async (ledger: TestLedger): Promise<ConsoleWorld> => {
  const a = await named(ledger, 'Hogeschool Utrecht', 'NL');
  const b = await named(ledger, 'Universidade do Porto', 'PT');
  const as = (world: World) => (method: string, path: string, body?: unknown) =>
    ledger.request(method, path, { token: world.issuerToken, body });

  const variants = [
    {
      title: 'Applied Data Visualisation',
      eqfLevel: 6,
      notionalWorkload: { ects: 3, hours: 84 },
      typeOfAssessment: 'project',
    },
    { title: 'Data Ethics', eqfLevel: 5, notionalWorkload: { ects: 2, hours: 56 }, typeOfAssessment: 'exam' },
    {
      title: 'Machine Learning Operations',
      eqfLevel: 7,
      notionalWorkload: { ects: 5, hours: 140 },
      typeOfAssessment: 'project',
      formOfParticipation: 'blended',
    },
  ];
  const specs: string[] = [];
  for (const variant of variants)
    specs.push(
      expectCreated(await as(a)('POST', '/v1/specifications', { ...specificationBody, ...variant })),
    );
  const bSpec = expectCreated(
    await as(b)('POST', '/v1/specifications', {
      ...specificationBody,
      title: 'Other institution course',
      awardingBodies: [{ legalName: b.legalName, country: 'PT' }],
    }),
  );

  // Two refused attempts (no type of assessment), recorded as QualityCheckFailed on A's compliance stream.
  const { typeOfAssessment: _omitted, ...incomplete } = specificationBody;
  for (let i = 0; i < 2; i++) {
    const refused = await as(a)('POST', '/v1/specifications', { ...incomplete, title: `Incomplete ${i}` });
    if (refused.status !== 422) throw new Error(`expected a refusal, got ${refused.status}`);
  }

  const issue = async (world: World, specificationId: string, learnerId: string) => {
    const assessmentId = expectCreated(
      await as(world)('POST', '/v1/assessments', assessmentBody(specificationId, learnerId)),
    );
    return expectCreated(
      await as(world)('POST', '/v1/credentials', {
        specificationId,
        learnerId,
        assessmentIds: [assessmentId],
        validFrom: daysAgo(7),
        validUntil: daysAgo(-5 * 365),
      }),
    );
  };
  const active = await issue(a, specs[0], 'lrn-console-1');
  const revoked = await issue(a, specs[1], 'lrn-console-2');
  const suspended = await issue(a, specs[2], 'lrn-console-3');
  ok(
    await as(a)('POST', `/v1/credentials/${revoked}/revocation`, { reason: 'fraud', note: 'plagiarism' }),
    'revocation',
  );
  ok(
    await as(a)('POST', `/v1/credentials/${suspended}/suspension`, { reason: 'under-investigation' }),
    'suspension',
  );
  const otherIssuers = await issue(b, bSpec, 'lrn-console-4');
  const pathwayId = expectCreated(
    await as(a)('POST', '/v1/pathways', {
      title: 'Data Visualisation Professional',
      components: [specs[0]],
      completion: { kind: 'all-of' },
      minimumEcts: 3,
    }),
  );
  expectCreated(
    await as(a)('POST', '/v1/stacked-credentials', {
      pathwayId,
      learnerId: 'lrn-console-1',
      componentCredentialIds: [active],
    }),
  );
  return {
    a,
    b,
    specs,
    credentials: { active, revoked, suspended, otherIssuers },
    refusals: { count: 2, ruleId: 'annex1.type-of-assessment' },
  };
};

/** Many bare issuers (registered, not accredited), for the first-render measurement. */
/** Registers `count` issuers; returns the last log position their answers named (for `?waitFor=`). */
export const registerIssuers = async (
  ledger: TestLedger,
  qaToken: string,
  count: number,
): Promise<string> => {
  const batch = 25;
  let last = '0';
  for (let start = 0; start < count; start += batch) {
    const replies = await Promise.all(
      Array.from({ length: Math.min(batch, count - start) }, (_, i) =>
        ledger
          .request('POST', '/v1/issuers', {
            token: qaToken,
            body: {
              legalName: `Institution ${String(start + i).padStart(4, '0')}`,
              country: 'BE',
              registrationId: `BE-${start + i}`,
            },
          })
          .then((r) => (ok(r, 'issuer'), r)),
      ),
    );
    for (const r of replies) {
      const position = r.headers.get('credence-position');
      if (position && comparePositions(position, last) > 0) last = position;
    }
  }
  return last;
};
