import type { CredenceCommandType as CommandType } from '@credence/domain';
import type { Facts } from '../facts';

/**
 * A complete, valid set of facts that every shipped ruleset accepts, for any command type. Tests
 * change one thing at a time from here. Every part is present, whatever the command.
 */
export const NOW = '2026-03-01T12:00:00Z';

type Writable<T> = T extends readonly (infer E)[]
  ? Writable<E>[]
  : { -readonly [K in keyof T]: Writable<T[K]> };
export type FactsDraft = Writable<Required<Facts>>;

const baseline: Omit<FactsDraft, 'command'> = {
  now: NOW,
  specification: {
    id: 'spec-data-literacy',
    issuerId: 'issuer-1',
    title: 'Data literacy for public servants',
    countries: ['BE', 'NL'],
    awardingBodies: [{ legalName: 'Université de Liège', country: 'BE' }],
    learningOutcomes: ['Reads and questions statistical claims', 'Builds a reproducible analysis'],
    ects: 5,
    hours: 140,
    eqfLevel: 6,
    fieldOfStudy: '0421',
    typeOfAssessment: 'exam',
    formOfParticipation: 'blended',
    typeOfQualityAssurance: 'external accreditation',
    supervisionAndIdentityVerification: 'supervised-onsite-with-identity-verification',
    stackable: true,
    status: 'published',
    version: 1,
    retiredAt: '',
  },
  issuer: {
    id: 'issuer-1',
    registered: true,
    legalName: 'Université de Liège',
    country: 'BE',
    accreditations: [
      {
        id: 'acc-1',
        qaBody: 'AEQES',
        eqfLevels: [5, 6, 7],
        fieldsOfStudy: [],
        validFrom: '2025-01-01T00:00:00Z',
        validUntil: '2030-01-01T00:00:00Z',
        status: 'active',
      },
    ],
  },
  assessments: [
    {
      id: 'assessment-1',
      learnerId: 'learner-1',
      specificationId: 'spec-data-literacy',
      outcome: 'pass',
      assessedAt: '2026-02-01T09:00:00Z',
      status: 'recorded',
    },
  ],
  learner: { id: 'learner-1', hasIdentity: true, identityType: 'emailAddress' },
  credential: {
    id: 'credential-1',
    validFrom: '2026-03-01',
    validUntil: '2031-03-01',
    hasValidUntil: true,
    issuedAt: NOW,
    supersedes: '',
  },
  revocation: { reason: 'issued-in-error' },
  pathway: {
    id: 'pathway-1',
    components: ['spec-data-literacy', 'spec-statistics'],
    completion: 'all-of',
    n: 0,
    minimumEcts: 10,
  },
  components: [
    {
      id: 'credential-1',
      learnerId: 'learner-1',
      specificationId: 'spec-data-literacy',
      status: 'active',
      validFrom: '2025-06-01',
      validUntil: '2030-06-01',
      hasValidUntil: true,
      ects: 5,
    },
    {
      id: 'credential-2',
      learnerId: 'learner-1',
      specificationId: 'spec-statistics',
      status: 'active',
      validFrom: '2025-09-01',
      validUntil: '2030-09-01',
      hasValidUntil: true,
      ects: 5,
    },
  ],
  stack: { learnerId: 'learner-1', totalEcts: 10 },
};

/** A fresh, mutable copy of the baseline for `type`. */
export const baselineFacts = (type: CommandType): FactsDraft => ({
  ...structuredClone(baseline),
  command: { type, issuerId: 'issuer-1', principalRole: 'issuer' },
});

/** `days` whole days before `NOW` (negative: after). */
export const daysBeforeNow = (days: number): string =>
  new Date(Date.parse(NOW) - days * 86_400_000).toISOString();
