import type { AssessmentState } from '../assessment/state';
import type { Command } from '../core';
import type { IssuerState } from '../issuer/state';
import type { SpecificationState } from '../specification/state';
import type { RevocationReason, SuspensionReason } from './events';

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
    context: {
      specification: SpecificationState;
      assessments: readonly AssessmentState[];
      issuer: IssuerState;
    };
  }
>;
export type SuspendCredential = Command<
  'SuspendCredential',
  { credentialId: string; reason: SuspensionReason; note?: string }
>;
export type ReinstateCredential = Command<'ReinstateCredential', { credentialId: string; note?: string }>;
export type RevokeCredential = Command<
  'RevokeCredential',
  { credentialId: string; reason: RevocationReason; note?: string }
>;

export type CredentialCommand = IssueCredential | SuspendCredential | ReinstateCredential | RevokeCredential;
