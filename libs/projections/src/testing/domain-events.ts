import type { CredentialIssued, EventMetadata, SpecificationPublished } from '@credence/domain';
import type { GivenEvent } from './projection-spec';

/** Small builders for projection specs: each states only what the spec is about. */
type Meta = Partial<EventMetadata>;
const at = (now: string, metadata: Meta = {}): Meta => ({ now, ...metadata });

export const credentialIssued = (
  credentialId: string,
  data: Partial<CredentialIssued['data']> = {},
  metadata: Meta = {},
): GivenEvent => ({
  type: 'CredentialIssued',
  data: {
    credentialId,
    issuerId: 'uni-1',
    specificationId: 'spec-1',
    learner: { id: 'lrn-1' },
    assessmentIds: ['asmt-1'],
    issuedAt: '2026-01-10T09:00:00Z',
    validFrom: '2026-01-10T00:00:00Z',
    validUntil: '2031-01-10T00:00:00Z',
    ects: 3,
    eqfLevel: 6,
    accreditation: {
      accreditationId: 'acc-1',
      qaBody: 'NVAO',
      validFrom: '2026-01-01T00:00:00Z',
      validUntil: '2030-12-31T23:59:59Z',
    },
    ...data,
  },
  metadata: at(data.issuedAt ?? '2026-01-10T09:00:00Z', metadata),
});

export const credentialSuspended = (
  credentialId: string,
  now: string,
  reason: 'under-investigation' | 'issuer-request' = 'under-investigation',
): GivenEvent => ({
  type: 'CredentialSuspended',
  data: { credentialId, issuerId: 'uni-1', reason },
  metadata: at(now),
});

export const credentialReinstated = (credentialId: string, now: string): GivenEvent => ({
  type: 'CredentialReinstated',
  data: { credentialId, issuerId: 'uni-1' },
  metadata: at(now),
});

export const credentialRevoked = (
  credentialId: string,
  now: string,
  reason: 'fraud' | 'issued-in-error' = 'fraud',
): GivenEvent => ({
  type: 'CredentialRevoked',
  data: { credentialId, issuerId: 'uni-1', reason, note: 'see file' },
  metadata: at(now),
});

export const specificationPublished = (
  specificationId: string,
  data: Partial<SpecificationPublished['data']> = {},
  metadata: Meta = {},
): GivenEvent => ({
  type: 'SpecificationPublished',
  data: {
    specificationId,
    issuerId: 'uni-1',
    title: 'Applied Data Visualisation',
    notionalWorkload: { ects: 3, hours: 84 },
    eqfLevel: 6,
    typeOfAssessment: 'project',
    formOfParticipation: 'online',
    typeOfQualityAssurance: 'external accreditation',
    ...data,
  },
  metadata: at('2026-01-05T09:00:00Z', metadata),
});

export const assessmentRecorded = (
  assessmentId: string,
  assessedAt: string,
  outcome: 'pass' | 'fail' = 'pass',
): GivenEvent => ({
  type: 'AssessmentRecorded',
  data: {
    assessmentId,
    issuerId: 'uni-1',
    specificationId: 'spec-1',
    learner: { id: 'lrn-1' },
    result: { outcome },
    assessor: 'J. de Vries',
    method: 'project',
    assessedAt,
    evidence: [],
  },
  metadata: at(assessedAt),
});
