import type { CredentialEvent, RevocationReason, SuspensionReason } from '@credence/domain';
import type { RecordedEvent } from '@credence/event-store';

export type CredentialStatus = 'active' | 'suspended' | 'revoked';

/**
 * One record per credential on the compacted status topic: enough for a regulator's register
 * without replaying the ledger. Expiry is not a status: time passing records no event, so
 * consumers compare `validUntil` with their own clock.
 */
export type CredentialStatusRecord = {
  credentialId: string;
  issuerId: string;
  specificationId: string;
  status: CredentialStatus;
  /** RFC 3339 instant from which the credential is valid. */
  validFrom: string;
  /** RFC 3339 instant after which it has expired; absent when it does not expire. */
  validUntil?: string;
  issuedAt: string;
  /** Why it is suspended or revoked; absent while active. */
  reason?: SuspensionReason | RevocationReason;
  note?: string;
  /** A re-issue: the credential this one corrects. */
  supersedes?: string;
  /** Revoked as `superseded`: the credential that corrects this one. */
  supersededBy?: string;
  /** When the latest change was decided (the command's `now`). */
  changedAt: string;
  /**
   * When the latest suspension, reinstatement or revocation took effect, which may be before
   * `changedAt`; absent for issuance and for changes recorded before effective dates existed.
   */
  effectiveAt?: string;
  /** The revocation holds from validFrom: the credential was never valid. */
  abInitio?: true;
  /** The ledger event this record reflects: a consumer can fetch it or check order with it. */
  eventId: string;
  eventType: CredentialEvent['type'];
  streamId: string;
  streamVersion: number;
  globalPosition: string;
};

const CREDENTIAL_EVENT_TYPES: ReadonlySet<string> = new Set<CredentialEvent['type']>([
  'CredentialIssued',
  'CredentialSuspended',
  'CredentialReinstated',
  'CredentialRevoked',
]);

export const isCredentialEvent = (event: RecordedEvent): event is RecordedEvent & CredentialEvent =>
  CREDENTIAL_EVENT_TYPES.has(event.type);

/**
 * The record after `event`, given the record before it (null before issuance). Returns null for
 * events that do not change a credential's status, or that arrive for an unknown credential.
 */
export const evolveStatus = (
  previous: CredentialStatusRecord | null,
  event: RecordedEvent,
): CredentialStatusRecord | null => {
  if (!isCredentialEvent(event)) return null;
  const trace = {
    changedAt: event.metadata.now,
    eventId: event.eventId,
    eventType: event.type,
    streamId: event.streamId,
    streamVersion: event.streamVersion,
    globalPosition: event.globalPosition,
  };
  if (event.type === 'CredentialIssued') {
    const { credentialId, issuerId, specificationId, validFrom, validUntil, issuedAt, supersedes } =
      event.data;
    return {
      credentialId,
      issuerId,
      specificationId,
      status: 'active',
      validFrom,
      validUntil,
      issuedAt,
      ...(supersedes !== undefined ? { supersedes } : {}),
      ...trace,
    };
  }
  if (previous === null) return null;
  const { reason: _reason, note: _note, effectiveAt: _e, abInitio: _a, ...kept } = previous;
  const effective = event.data.effectiveAt ? { effectiveAt: event.data.effectiveAt } : {};
  switch (event.type) {
    case 'CredentialSuspended':
      return {
        ...kept,
        status: 'suspended',
        reason: event.data.reason,
        note: event.data.note,
        ...effective,
        ...trace,
      };
    case 'CredentialReinstated':
      return { ...kept, status: 'active', note: event.data.note, ...effective, ...trace };
    case 'CredentialRevoked': {
      const { reason, note, supersededBy, abInitio } = event.data;
      return {
        ...kept,
        status: 'revoked',
        reason,
        note,
        ...(supersededBy !== undefined ? { supersededBy } : {}),
        ...effective,
        ...(abInitio ? { abInitio } : {}),
        ...trace,
      };
    }
    default: {
      const unhandled: never = event;
      throw new Error(`Unhandled credential event ${(unhandled as RecordedEvent).type}`);
    }
  }
};
