import type { Command } from '../core';
import type { SpecificationState } from '../specification/state';
import type { AssessmentRecorded } from './events';

export type RecordAssessment = Command<
  'RecordAssessment',
  Omit<AssessmentRecorded['data'], 'issuerId'> & { context: { specification: SpecificationState } }
>;
export type AnnulAssessment = Command<'AnnulAssessment', { assessmentId: string; note?: string }>;

export type AssessmentCommand = RecordAssessment | AnnulAssessment;
