import type { AssessmentState } from '../assessment/state';
import type { Command } from '../core';
import type { IssuerState } from '../issuer/state';
import type { SpecificationState } from '../specification/state';
import type { RevocationReason, SuspensionReason } from './events';
import type { CredentialState } from './state';

export type IssueCredential = Command<
  'IssueCredential',
  {
    credentialId: string;
    specificationId: string;
    learnerId: string;
    assessmentIds: readonly string[];
    validFrom: string;
    /** When absent, derived from the specification's `credentialValidity`, if it has one. */
    validUntil?: string;
    /** A re-issue: the credential this one corrects, with the same learner, specification and assessments. */
    supersedes?: string;
    reissueNote?: string;
    context: {
      specification: SpecificationState;
      assessments: readonly AssessmentState[];
      issuer: IssuerState;
      /** The state of `supersedes`; absent for a first issuance. */
      superseded: CredentialState;
    };
  }
>;
/** The credential's issuer, for who may act on it: a QA body only on issuers it accredits or has accredited. */
type IssuerContext = { context: { issuer: IssuerState } };
/** RFC 3339, not in the future, not before validFrom; the default is the command's `now`. */
type EffectiveAt = { effectiveAt?: string };
export type SuspendCredential = Command<
  'SuspendCredential',
  { credentialId: string; reason: SuspensionReason; note?: string } & EffectiveAt & IssuerContext
>;
export type ReinstateCredential = Command<
  'ReinstateCredential',
  { credentialId: string; note?: string } & EffectiveAt & IssuerContext
>;
export type RevokeCredential = Command<
  'RevokeCredential',
  {
    credentialId: string;
    reason: RevocationReason;
    note?: string;
    /** Sent by the ledger only, when a re-issue replaces the credential (reason `superseded`). */
    supersededBy?: string;
    /** An instant, or `"ab-initio"` (AB_INITIO) for the reasons in AB_INITIO_REASONS. */
    effectiveAt?: string;
  } & IssuerContext
>;

export type CredentialCommand = IssueCredential | SuspendCredential | ReinstateCredential | RevokeCredential;
