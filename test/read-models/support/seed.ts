import { setTimeout as sleep } from 'node:timers/promises';
import { type TestLedger } from '../../support/ledger-app';
import {
  accreditedIssuer,
  assessmentBody,
  daysAgo,
  expectCreated,
  specificationBody,
  type World,
} from '../../support/fixtures';

/** What the seeded ledger holds, so the read models can be checked against it. */
export type Seeded = Readonly<{
  a: World;
  b: World;
  /** Issuer A's specifications: eqfLevel cycles 5, 6, 7; ects cycles 1..6; hours 28 per credit. */
  /** Then issuer B's, the last of them retired. */
  specs: readonly Spec[];
  learnerId: string;
  /** c0 active, c1 suspended then reinstated, c2 revoked (fraud), c3 suspended, c4 expired, c5 revoked (issued-in-error). */
  credentials: readonly string[];
  stackId: string;
  /** Instants around c1's life: before its issuance, while suspended, after reinstatement. */
  c1Times: Readonly<{ beforeIssuance: string; whileSuspended: string; afterReinstatement: string }>;
}>;

type Spec = { id: string; eqfLevel: number; ects: number; issuerId: string; retired: boolean };

export const A_SPECS = 24;
export const B_SPECS = 4;
export const supervised = { supervisionAndIdentityVerification: 'supervised-with-identity-check' };

const ok = (reply: { status: number; body: unknown }, what: string) => {
  if (reply.status >= 300) throw new Error(`${what}: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply;
};

/** A moment strictly between two server-stamped commands (the server and the test share a clock). */
const instant = async () => {
  await sleep(3);
  const now = new Date().toISOString();
  await sleep(3);
  return now;
};

export const seedLedger = async (ledger: TestLedger): Promise<Seeded> => {
  const a = await accreditedIssuer(ledger);
  const b = await accreditedIssuer(ledger);
  const as = (world: World) => (method: string, path: string, body?: unknown) =>
    ledger.request(method, path, { token: world.issuerToken, body });
  const asA = as(a);
  const specs: Spec[] = [];

  for (let k = 0; k < A_SPECS; k++) {
    const eqfLevel = [5, 6, 7][k % 3];
    const ects = 1 + (k % 6);
    const body = {
      ...specificationBody,
      ...supervised,
      title: `Spec ${String(k).padStart(2, '0')}`,
      eqfLevel,
      notionalWorkload: { ects, hours: ects * 28 },
      typeOfAssessment: k % 2 ? 'project' : 'exam',
    };
    specs.push({
      id: expectCreated(await asA('POST', '/v1/specifications', body)),
      eqfLevel,
      ects,
      issuerId: a.issuerId,
      retired: false,
    });
  }
  for (let k = 0; k < B_SPECS; k++) {
    const body = {
      ...specificationBody,
      ...supervised,
      title: `Other ${k}`,
      eqfLevel: 6,
      notionalWorkload: { ects: 4, hours: 112 },
    };
    specs.push({
      id: expectCreated(await as(b)('POST', '/v1/specifications', body)),
      eqfLevel: 6,
      ects: 4,
      issuerId: b.issuerId,
      retired: false,
    });
  }
  const retired = specs[specs.length - 1];
  ok(await as(b)('POST', `/v1/specifications/${retired.id}/retirement`, {}), 'retirement');
  retired.retired = true;
  // One warning (hours do not match the credits), one refusal (no type of assessment): both under A.
  expectCreated(
    await asA('POST', '/v1/specifications', {
      ...specificationBody,
      ...supervised,
      title: 'Odd hours',
      eqfLevel: 5,
      notionalWorkload: { ects: 3, hours: 200 },
    }),
  );
  const { typeOfAssessment: _omitted, ...incomplete } = specificationBody;
  const refused = await asA('POST', '/v1/specifications', {
    ...incomplete,
    ...supervised,
    title: 'Incomplete',
  });
  if (refused.status !== 422) throw new Error(`expected a refusal, got ${refused.status}`);

  const learnerId = 'lrn-rm-1';
  const issue = async (
    specIndex: number,
    assessedAt = daysAgo(8),
    validity: { validFrom?: string; validUntil?: string } = {},
  ) => {
    const specificationId = specs[specIndex].id;
    const assessmentId = expectCreated(
      await asA('POST', '/v1/assessments', assessmentBody(specificationId, learnerId, assessedAt)),
    );
    const body = {
      specificationId,
      learnerId,
      assessmentIds: [assessmentId],
      validFrom: daysAgo(7),
      validUntil: daysAgo(-5 * 365),
      ...validity,
    };
    return expectCreated(await asA('POST', '/v1/credentials', body));
  };
  const change = async (id: string, what: 'suspension' | 'reinstatement' | 'revocation', body: object) =>
    ok(await asA('POST', `/v1/credentials/${id}/${what}`, body), `${what} of ${id}`);

  const c0 = await issue(0);
  const beforeIssuance = await instant();
  const c1 = await issue(1);
  await change(c1, 'suspension', { reason: 'under-investigation' });
  const whileSuspended = await instant();
  await change(c1, 'reinstatement', { note: 'cleared' });
  const afterReinstatement = await instant();
  const c2 = await issue(2);
  await change(c2, 'revocation', { reason: 'fraud' });
  const c3 = await issue(3);
  await change(c3, 'suspension', { reason: 'issuer-request' });
  const longAgo = daysAgo(400);
  const c4 = await issue(4, longAgo, { validFrom: longAgo, validUntil: daysAgo(10) });
  const c5 = await issue(5);

  const pathwayId = expectCreated(
    await asA('POST', '/v1/pathways', {
      title: 'Data Analytics Professional',
      components: [specs[0].id, specs[5].id],
      completion: { kind: 'all-of' },
      minimumEcts: 6,
    }),
  );
  const stackId = expectCreated(
    await asA('POST', '/v1/stacked-credentials', { pathwayId, learnerId, componentCredentialIds: [c0, c5] }),
  );
  await change(c5, 'revocation', { reason: 'issued-in-error' });
  // All-of: the stack follows through StackedCredentialInvalidated, appended by a reactor after the revocation.
  for (let tries = 0; ; tries++) {
    const trail = await ledger.request('GET', `/v1/streams/stack-${stackId}/events`, {
      token: a.auditorToken,
    });
    if (trail.body.events?.some((e: { type: string }) => e.type === 'StackedCredentialInvalidated')) break;
    if (tries > 200) throw new Error('the stack was never invalidated');
    await sleep(25);
  }
  return {
    a,
    b,
    specs,
    learnerId,
    credentials: [c0, c1, c2, c3, c4, c5],
    stackId,
    c1Times: { beforeIssuance, whileSuspended, afterReinstatement },
  };
};
