import type { Event } from '../core';
import type { LearnerRef } from '../assessment/events';
import type { Effective } from '../lifecycle';

export const REVOCATION_REASONS = [
  'issued-in-error',
  'assessment-annulled',
  'fraud',
  'issuer-request',
  'accreditation-withdrawn',
  'superseded',
] as const;
export type RevocationReason = (typeof REVOCATION_REASONS)[number];

/** Reasons that may date a revocation back to the credential's validFrom: it was never valid. */
export const AB_INITIO_REASONS = [
  'fraud',
  'issued-in-error',
  'assessment-annulled',
] as const satisfies readonly RevocationReason[];

/** A revocation request's `effectiveAt` that means "from validFrom" (the recorded event holds the instant). */
export const AB_INITIO = 'ab-initio';

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
// No upcaster: the default (the recording time) lives in lifecycleAt, and schemas stay v1.
export type CredentialSuspended = Event<
  'CredentialSuspended',
  { credentialId: string; issuerId: string; reason: SuspensionReason; note?: string } & Effective
>;
export type CredentialReinstated = Event<
  'CredentialReinstated',
  { credentialId: string; issuerId: string; note?: string } & Effective
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
    /** Requested as `"effectiveAt": "ab-initio"`: never valid; effectiveAt is then the validFrom. */
    abInitio?: true;
  } & Effective
>;

export type CredentialEvent =
  CredentialIssued | CredentialSuspended | CredentialReinstated | CredentialRevoked;
