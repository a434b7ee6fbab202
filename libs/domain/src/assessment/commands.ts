import type { Command } from '../core';
import type { SpecificationState } from '../specification/state';
import type { AssessmentCredentialed, AssessmentRecorded } from './events';

export type RecordAssessment = Command<
  'RecordAssessment',
  Omit<AssessmentRecorded['data'], 'issuerId'> & { context: { specification: SpecificationState } }
>;
export type AnnulAssessment = Command<'AnnulAssessment', { assessmentId: string; note?: string }>;

/** Reserves the assessment for one credential; sent by the ledger before it appends the credential. */
export type CredentialAssessment = Command<
  'CredentialAssessment',
  Omit<AssessmentCredentialed['data'], 'issuerId'>
>;
export type ReleaseAssessment = Command<'ReleaseAssessment', { assessmentId: string; credentialId: string }>;

export type AssessmentCommand = RecordAssessment | AnnulAssessment | CredentialAssessment | ReleaseAssessment;
