import { createHash } from 'node:crypto';
import type { TestLedger } from './ledger-app';
import { ADMIN_TOKEN } from './ledger-app';

/** The request bodies from the API contract (issue #2), verbatim where the contract gives them. */
export const issuerBody = { legalName: 'Hogeschool Utrecht', country: 'NL', registrationId: 'KVK-30220914' };
export const accreditationBody = {
  scope: { eqfLevels: [5, 6, 7] },
  validFrom: '2026-01-01T00:00:00Z',
  validUntil: '2030-12-31T23:59:59Z',
};
export const specificationBody = {
  title: 'Applied Data Visualisation',
  countries: ['NL'],
  awardingBodies: [{ legalName: 'Hogeschool Utrecht', country: 'NL' }],
  learningOutcomes: ['Choose a fitting chart for a dataset', 'Build an interactive dashboard'],
  notionalWorkload: { ects: 3, hours: 84 },
  eqfLevel: 6,
  typeOfAssessment: 'project',
  formOfParticipation: 'online',
  typeOfQualityAssurance: 'external accreditation',
  supervisionAndIdentityVerification: 'supervised-with-identity-check',
  stackable: true,
};
export const identityHash = (email: string, salt: string) =>
  `sha256$${createHash('sha256')
    .update(email + salt)
    .digest('hex')}`;

const DAY = 86_400_000;
/** Instants relative to the real clock, since the server stamps commands with it. */
export const daysAgo = (days: number) =>
  new Date(Date.now() - days * DAY).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** As in the contract: assessed, then a credential valid from the next day, issued a week later. */
export const credentialBody = (
  specificationId: string,
  assessmentIds: string[],
  learnerId = 'lrn-7f3a9c',
) => ({
  specificationId,
  learnerId,
  assessmentIds,
  validFrom: daysAgo(7),
  validUntil: daysAgo(-5 * 365),
});

export const assessmentBody = (
  specificationId: string,
  learnerId = 'lrn-7f3a9c',
  assessedAt = daysAgo(8),
) => ({
  specificationId,
  learner: {
    id: learnerId,
    identity: {
      identityType: 'emailAddress',
      identityHash: identityHash(`${learnerId}@example.org`, 'x1y2'),
      salt: 'x1y2',
    },
  },
  result: { outcome: 'pass', grade: '8.5' },
  assessor: 'J. de Vries',
  method: 'project',
  assessedAt,
  evidence: ['https://lms.example.org/submissions/991'],
});

export const expectCreated = (reply: { status: number; body: { id?: string } }): string => {
  if (reply.status !== 201 || typeof reply.body.id !== 'string') {
    throw new Error(`expected 201 with an id, got ${reply.status}: ${JSON.stringify(reply.body)}`);
  }
  return reply.body.id;
};

/** Anything that speaks to the API: the in-process test app, a spawned API process, the bench's client. */
export type Client = Pick<TestLedger, 'request'>;

export type World = Readonly<{
  issuerId: string;
  issuerToken: string;
  qaToken: string;
  qaBodyId: string;
  auditorToken: string;
}>;

/** A registered QA body and a principal bound to it. */
export const qaBodyDesk = async (
  ledger: Client,
  name = 'NVAO',
): Promise<{ qaBodyId: string; qaToken: string }> => {
  const qaBodyId = expectCreated(
    await ledger.request('POST', '/v1/qa-bodies', { token: ADMIN_TOKEN, body: { name, country: 'NL' } }),
  );
  const reply = await ledger.request('POST', '/v1/principals', {
    token: ADMIN_TOKEN,
    body: { role: 'qa-body', qaBodyId, name: `${name} desk` },
  });
  if (reply.status !== 201) throw new Error(`principal: ${reply.status} ${JSON.stringify(reply.body)}`);
  return { qaBodyId, qaToken: reply.body.token as string };
};

/** An accredited issuer with an issuer principal, plus QA-body and auditor principals. */
export const accreditedIssuer = async (
  ledger: Client,
  scope = accreditationBody,
  issuer = issuerBody,
): Promise<World> => {
  const admin = { token: ADMIN_TOKEN };
  const principal = async (body: object) => {
    const reply = await ledger.request('POST', '/v1/principals', { ...admin, body });
    if (reply.status !== 201) throw new Error(`principal: ${reply.status} ${JSON.stringify(reply.body)}`);
    return reply.body.token as string;
  };
  const { qaBodyId, qaToken } = await qaBodyDesk(ledger);
  const auditorToken = await principal({ role: 'auditor', name: 'Auditor' });
  const issuerId = expectCreated(
    await ledger.request('POST', '/v1/issuers', { token: qaToken, body: issuer }),
  );
  expectCreated(
    await ledger.request('POST', `/v1/issuers/${issuerId}/accreditations`, { token: qaToken, body: scope }),
  );
  const issuerToken = await principal({ role: 'issuer', issuerId, name: 'HU registrar' });
  return { issuerId, issuerToken, qaToken, qaBodyId, auditorToken };
};

/** The log's head position: "no error path appends anything" compares it before and after. */
export const logHead = async (ledger: TestLedger): Promise<string | null> => {
  const reply = await ledger.request('GET', '/health');
  return reply.body.eventStore.head as string | null;
};
