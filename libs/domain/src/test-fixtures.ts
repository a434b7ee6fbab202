/**
 * Sample facts shared by the decider specs (test-only; not exported from the package index).
 * Each factory takes overrides so a spec states only what matters to it.
 */
import type { AssessmentRecorded } from './assessment/events';
import type { Principal } from './core';
import type { CredentialIssued } from './credential/events';
import type { IssuerAccredited, IssuerRegistered } from './issuer/events';
import type { PathwayPublished } from './pathway/events';
import type { QaBodyRegistered } from './qa-body/events';
import type { SpecificationPublished } from './specification/events';

export const ISSUER = 'uni-1';
export const OTHER_ISSUER = 'uni-2';

export const issuerPrincipal = (issuerId = ISSUER): Principal => ({
  id: `${issuerId}-clerk`,
  role: 'issuer',
  issuerId,
});
export const QA_BODY = 'nvao';
export const OTHER_QA_BODY = 'aqas';
export const qaBodyPrincipal: Principal = { id: 'qa-1', role: 'qa-body', qaBodyId: QA_BODY };
/** Metadata for a command by a QA body's desk: it acts for no issuer. */
export const actingForQaBody = (qaBodyId = QA_BODY) => ({
  principal: { id: `${qaBodyId}-desk`, role: 'qa-body' as const, qaBodyId },
  issuerId: undefined,
});

export const qaBodyRegistered = (qaBodyId = QA_BODY): QaBodyRegistered => ({
  type: 'QaBodyRegistered',
  data: { qaBodyId, name: qaBodyId.toUpperCase(), country: 'NL' },
});
/** Metadata for a command issued by an issuer's own staff. */
export const actingAs = (issuerId = ISSUER) => ({ principal: issuerPrincipal(issuerId), issuerId });

export const issuerRegistered = (issuerId = ISSUER): IssuerRegistered => ({
  type: 'IssuerRegistered',
  data: { issuerId, legalName: `University ${issuerId}`, country: 'NL', registrationId: `KVK-${issuerId}` },
});

export const issuerAccredited = (overrides: Partial<IssuerAccredited['data']> = {}): IssuerAccredited => ({
  type: 'IssuerAccredited',
  data: {
    issuerId: ISSUER,
    accreditationId: 'acc-1',
    qaBodyId: QA_BODY,
    qaBody: 'NVAO',
    scope: { eqfLevels: [5, 6] },
    validFrom: '2024-01-01T00:00:00Z',
    validUntil: '2030-01-01T00:00:00Z',
    ...overrides,
  },
});

export const specificationPublished = (
  overrides: Partial<SpecificationPublished['data']> = {},
): SpecificationPublished => ({
  type: 'SpecificationPublished',
  data: {
    specificationId: 'spec-1',
    issuerId: ISSUER,
    title: 'Data Literacy',
    notionalWorkload: { ects: 5 },
    eqfLevel: 6,
    ...overrides,
  },
});

export const assessmentRecorded = (
  overrides: Partial<AssessmentRecorded['data']> = {},
): AssessmentRecorded => ({
  type: 'AssessmentRecorded',
  data: {
    assessmentId: 'asmt-1',
    issuerId: ISSUER,
    specificationId: 'spec-1',
    learner: {
      id: 'learner-1',
      identity: { identityType: 'emailAddress', identityHash: 'sha256$abc', salt: 's' },
    },
    result: { outcome: 'pass', grade: 'A' },
    assessor: 'assessor-1',
    method: 'proctored-exam',
    assessedAt: '2025-05-20T10:00:00Z',
    evidence: ['https://evidence.example/1'],
    ...overrides,
  },
});

export const credentialIssued = (overrides: Partial<CredentialIssued['data']> = {}): CredentialIssued => ({
  type: 'CredentialIssued',
  data: {
    credentialId: 'cred-1',
    issuerId: ISSUER,
    specificationId: 'spec-1',
    learner: { id: 'learner-1' },
    assessmentIds: ['asmt-1'],
    issuedAt: '2025-05-21T00:00:00.000Z',
    validFrom: '2025-05-21T00:00:00Z',
    ects: 5,
    eqfLevel: 6,
    ...overrides,
  },
});

export const pathwayPublished = (overrides: Partial<PathwayPublished['data']> = {}): PathwayPublished => ({
  type: 'PathwayPublished',
  data: {
    pathwayId: 'path-1',
    issuerId: ISSUER,
    title: 'Data Science Certificate',
    components: ['spec-1', 'spec-2'],
    completion: { kind: 'all-of' },
    minimumEcts: 10,
    ...overrides,
  },
});
