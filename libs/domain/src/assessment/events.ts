import type { Event } from '../core';

/** Pseudonymous learner reference in the shape of an Open Badges 3.0 IdentityObject; no raw personal data. */
export type LearnerIdentity = Readonly<{ identityType: string; identityHash: string; salt?: string }>;
export type LearnerRef = Readonly<{ id: string; identity?: LearnerIdentity }>;
export type AssessmentResult = Readonly<{ outcome: 'pass' | 'fail'; grade?: string; score?: number }>;

export type AssessmentRecorded = Event<
  'AssessmentRecorded',
  {
    assessmentId: string;
    issuerId: string;
    specificationId: string;
    learner: LearnerRef;
    result: AssessmentResult;
    assessor: string;
    method: string;
    assessedAt: string;
    evidence: readonly string[];
  }
>;
export type AssessmentAnnulled = Event<
  'AssessmentAnnulled',
  { assessmentId: string; issuerId: string; note?: string }
>;

/** What a credential's issuance asked for: enough to finish it after a crash (see libs/domain/README.md). */
export type Issuance = Readonly<{
  commandId: string;
  specificationId: string;
  learnerId: string;
  assessmentIds: readonly string[];
  validFrom: string;
  validUntil?: string;
  /** A re-issue: the credential it corrects, which this reservation takes over from. */
  supersedes?: string;
}>;
/** The assessment now backs `credentialId`: its reservation, appended before the credential. */
export type AssessmentCredentialed = Event<
  'AssessmentCredentialed',
  { assessmentId: string; issuerId: string; credentialId: string; issuance: Issuance }
>;
/** The reservation is lifted: the issuance was refused, or the credential was revoked. */
export type AssessmentCredentialReleased = Event<
  'AssessmentCredentialReleased',
  { assessmentId: string; issuerId: string; credentialId: string }
>;

export type AssessmentEvent =
  AssessmentRecorded | AssessmentAnnulled | AssessmentCredentialed | AssessmentCredentialReleased;
