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

export type AssessmentEvent = AssessmentRecorded | AssessmentAnnulled;
