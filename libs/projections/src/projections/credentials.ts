import type { AccreditationAtIssuance, CredentialEvent, RulesetStamp } from '@credence/domain';
import { type EventOf, msOrNull, rulesetGroup } from '../events';
import { defineProjection } from '../projection';

export type StoredCredentialStatus = 'active' | 'suspended' | 'revoked';

/** One status change, effective at the `now` of the command that made it. */
export type CredentialStatusChange = Readonly<{
  status: StoredCredentialStatus;
  reason: string | null;
  at: string;
  position: string;
}>;

export type CredentialDoc = Readonly<{
  credentialId: string;
  issuerId: string;
  specificationId: string;
  learnerId: string;
  assessmentIds: readonly string[];
  issuedAt: string;
  validFrom: string;
  validUntil: string | null;
  ects: number | null;
  eqfLevel: number | null;
  accreditation: AccreditationAtIssuance | null;
  /** The ruleset the issuance was checked under. */
  ruleset: RulesetStamp | null;
  status: StoredCredentialStatus;
  reason: string | null;
  /** Every status since issuance, in log order: what status-at-an-instant reads. */
  history: readonly CredentialStatusChange[];
}>;

const changed = (
  doc: CredentialDoc | null,
  status: StoredCredentialStatus,
  reason: string | null,
  event: EventOf<CredentialEvent['type']>,
): CredentialDoc | null =>
  doc && {
    ...doc,
    status,
    reason,
    history: [...doc.history, { status, reason, at: event.metadata.now, position: event.globalPosition }],
  };

const issued = (event: EventOf<'CredentialIssued'>): CredentialDoc => {
  const { data, metadata } = event;
  return {
    credentialId: data.credentialId,
    issuerId: data.issuerId,
    specificationId: data.specificationId,
    learnerId: data.learner.id,
    assessmentIds: data.assessmentIds,
    issuedAt: data.issuedAt,
    validFrom: data.validFrom,
    validUntil: data.validUntil ?? null,
    ects: data.ects ?? null,
    eqfLevel: data.eqfLevel ?? null,
    accreditation: data.accreditation ?? null,
    ruleset: metadata.ruleset ?? null,
    status: 'active',
    reason: null,
    history: [{ status: 'active', reason: null, at: metadata.now, position: event.globalPosition }],
  };
};

/** Every credential with its status history: compliance counts, learner records, status at an instant. */
export const credentialsProjection = defineProjection({
  name: 'credentials',
  canHandle: ['CredentialIssued', 'CredentialSuspended', 'CredentialReinstated', 'CredentialRevoked'],
  documentIds: (event) => [event.data.credentialId],
  evolve: (doc: CredentialDoc | null, event): CredentialDoc | null => {
    switch (event.type) {
      case 'CredentialIssued':
        return doc ?? issued(event);
      case 'CredentialSuspended':
        return changed(doc, 'suspended', event.data.reason, event);
      case 'CredentialReinstated':
        return changed(doc, 'active', null, event);
      case 'CredentialRevoked':
        return changed(doc, 'revoked', event.data.reason, event);
    }
  },
  columns: (doc) => ({
    issuer_id: doc.issuerId,
    learner_id: doc.learnerId,
    specification_id: doc.specificationId,
    ruleset: rulesetGroup(doc.ruleset),
    status: doc.status,
    reason: doc.reason,
    issued_at_ms: msOrNull(doc.issuedAt),
    valid_from_ms: msOrNull(doc.validFrom),
    valid_until_ms: msOrNull(doc.validUntil),
    accreditation_id: doc.accreditation?.accreditationId ?? null,
  }),
});
