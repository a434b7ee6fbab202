import type {
  AccreditationAtIssuance,
  CredentialEvent,
  RecordedCredentialEvent,
  RulesetStamp,
} from '@credence/domain';
import { type EventOf, msOrNull, rulesetGroup } from '../events';
import { defineProjection } from '../projection';

export type StoredCredentialStatus = 'active' | 'suspended' | 'revoked';

/**
 * One event of the credential's stream as recorded: what the domain's credentialStatusFrom reads,
 * so the read model answers "at, as of" exactly as the domain does, from the same facts.
 */
export type CredentialHistoryEntry = RecordedCredentialEvent & Readonly<{ position: string }>;

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
  /** When first awarded: the issuance, or the one a re-issue corrects. Null before awardedDate was recorded. */
  awardedDate: string | null;
  grade: string | null;
  specificationVersion: number | null;
  /** The credential this one corrects (a re-issue), and the one that corrects it. */
  supersedes: string | null;
  supersededBy: string | null;
  /** The ruleset the issuance was checked under. */
  ruleset: RulesetStamp | null;
  status: StoredCredentialStatus;
  reason: string | null;
  /** The credential's events in log order, issuance first: what status at (at, asOf) is judged from. */
  history: readonly CredentialHistoryEntry[];
}>;

const entryOf = ({ type, data, metadata, globalPosition }: EventOf<CredentialEvent['type']>) =>
  ({ type, data, recordedAt: metadata.now, position: globalPosition }) as CredentialHistoryEntry;

/** The latest status (what the columns index), with the event appended to the history. */
const changed = (
  doc: CredentialDoc | null,
  status: StoredCredentialStatus,
  reason: string | null,
  event: EventOf<CredentialEvent['type']>,
): CredentialDoc | null => doc && { ...doc, status, reason, history: [...doc.history, entryOf(event)] };

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
    awardedDate: data.awardedDate ?? data.issuedAt,
    grade: data.grade ?? null,
    specificationVersion: data.specificationVersion ?? null,
    supersedes: data.supersedes ?? null,
    supersededBy: null,
    ruleset: metadata.ruleset ?? null,
    status: 'active',
    reason: null,
    history: [entryOf(event)],
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
      case 'CredentialRevoked': {
        const revoked = changed(doc, 'revoked', event.data.reason, event);
        return revoked && { ...revoked, supersededBy: event.data.supersededBy ?? null };
      }
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
