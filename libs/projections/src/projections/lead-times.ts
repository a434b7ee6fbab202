import { type EventOf, msOrNull, rulesetGroup } from '../events';
import { defineProjection } from '../projection';

/**
 * One assessment and the first credential issued on it. The lead time runs from `assessedAt` to that
 * credential's `issuedAt`, and counts only for passing assessments: a credential citing a failed
 * attempt next to a passed one was not issued because of the failure.
 */
export type LeadTimeDoc = Readonly<{
  assessmentId: string;
  issuerId: string;
  assessedAt: string | null;
  passed: boolean;
  firstIssuance: Readonly<{ credentialId: string; issuedAt: string; ruleset: string }> | null;
}>;

const blank = (assessmentId: string, issuerId: string): LeadTimeDoc => ({
  assessmentId,
  issuerId,
  assessedAt: null,
  passed: false,
  firstIssuance: null,
});

const issuance = (event: EventOf<'CredentialIssued'>) => ({
  credentialId: event.data.credentialId,
  issuedAt: event.data.issuedAt,
  ruleset: rulesetGroup(event.metadata.ruleset),
});

export const leadTimeMs = (doc: LeadTimeDoc): number | null => {
  const assessed = msOrNull(doc.assessedAt);
  const issued = msOrNull(doc.firstIssuance?.issuedAt);
  return doc.passed && assessed !== null && issued !== null ? issued - assessed : null;
};

/** Time from assessment to issuance, for each issuer's median. */
export const leadTimesProjection = defineProjection({
  name: 'assessment_lead_times',
  canHandle: ['AssessmentRecorded', 'CredentialIssued'],
  documentIds: (event) =>
    event.type === 'AssessmentRecorded' ? [event.data.assessmentId] : event.data.assessmentIds,
  evolve: (doc: LeadTimeDoc | null, event, assessmentId): LeadTimeDoc | null => {
    const base = doc ?? blank(assessmentId, event.data.issuerId);
    switch (event.type) {
      case 'AssessmentRecorded':
        return { ...base, assessedAt: event.data.assessedAt, passed: event.data.result.outcome === 'pass' };
      case 'CredentialIssued':
        return base.firstIssuance ? base : { ...base, firstIssuance: issuance(event) };
    }
  },
  columns: (doc) => ({
    issuer_id: doc.issuerId,
    ruleset: doc.firstIssuance?.ruleset ?? null,
    lead_ms: leadTimeMs(doc),
  }),
});
