import type { Event } from '../core';
import type { LearnerRef } from '../assessment/events';

export const REVOCATION_REASONS = [
  'issued-in-error',
  'assessment-annulled',
  'fraud',
  'issuer-request',
  'accreditation-withdrawn',
  'superseded',
] as const;
export type RevocationReason = (typeof REVOCATION_REASONS)[number];

export const SUSPENSION_REASONS = ['under-investigation', 'issuer-request'] as const;
export type SuspensionReason = (typeof SUSPENSION_REASONS)[number];

/** The accreditation the issuer held at issuance, copied so status-at-instant needs no other stream. */
export type AccreditationAtIssuance = Readonly<{
  accreditationId: string;
  /** Absent for accreditations granted before QA bodies were principals. */
  qaBodyId?: string;
  qaBody: string;
  validFrom: string;
  validUntil: string;
}>;

export type CredentialIssued = Event<
  'CredentialIssued',
  {
    credentialId: string;
    issuerId: string;
    specificationId: string;
    learner: LearnerRef;
    assessmentIds: readonly string[];
    issuedAt: string;
    validFrom: string;
    validUntil?: string;
    /** Copied from the specification so stacking rules need no extra reads. */
    ects?: number;
    eqfLevel?: number;
    accreditation?: AccreditationAtIssuance;
    /** The credential this one corrects (a re-issue); that one is revoked with reason `superseded`. */
    supersedes?: string;
    /** Why it was re-issued, as the re-issue request said. */
    reissueNote?: string;
    /** When the learner was first awarded it: the issuance time, kept by every re-issue. */
    awardedDate?: string;
    /** The grade of the passing assessment (Annex I's optional "grade achieved"). */
    grade?: string;
    /** The specification's version it was issued under; absent on credentials from before revisions (1). */
    specificationVersion?: number;
  }
>;
export type CredentialSuspended = Event<
  'CredentialSuspended',
  { credentialId: string; issuerId: string; reason: SuspensionReason; note?: string }
>;
export type CredentialReinstated = Event<
  'CredentialReinstated',
  { credentialId: string; issuerId: string; note?: string }
>;
export type CredentialRevoked = Event<
  'CredentialRevoked',
  {
    credentialId: string;
    issuerId: string;
    reason: RevocationReason;
    note?: string;
    /** With reason `superseded`: the corrected re-issue that replaces this credential. */
    supersededBy?: string;
  }
>;

export type CredentialEvent =
  CredentialIssued | CredentialSuspended | CredentialReinstated | CredentialRevoked;
