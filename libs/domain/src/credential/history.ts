import {
  effectiveAtOf,
  type LifecycleChange,
  lifecycleAt,
  type LifecycleQuestion,
  type LifecycleStart,
} from '../lifecycle';
import type { CredentialEvent, CredentialRevoked, CredentialSuspended } from './events';

/** A credential event with the instant the ledger recorded it (its `metadata.now`). */
export type RecordedCredentialEvent = CredentialEvent & Readonly<{ recordedAt: string }>;

export type CredentialStatusName =
  'absent' | 'not-yet-valid' | 'active' | 'expired' | 'suspended' | 'revoked';

/**
 * A status at an instant as the ledger knew it at another. `effectiveAt` is when this status began
 * (for `expired`, the validUntil); `recordedAt` when the ledger recorded the event that makes it so.
 * A suspension or revocation also carries its note and any further fields of its event, unread.
 */
export type CredentialStatusAnswer = Readonly<{
  status: CredentialStatusName;
  reason: string | null;
  effectiveAt: string | null;
  recordedAt: string | null;
  note?: string;
  abInitio?: true;
}>;

/** The instants of a bitemporal question, in epoch milliseconds: valid time and knowledge time. */
export type StatusQuestion = LifecycleQuestion;

type Change = LifecycleChange & Readonly<{ event: RecordedCredentialEvent }>;

const KIND = {
  CredentialSuspended: 'suspended',
  CredentialReinstated: 'reinstated',
  CredentialRevoked: 'ended',
} as const;

/** Events recorded before effective dates existed have no effectiveAt: they take effect when recorded. */
const changeOf = (event: Exclude<RecordedCredentialEvent, { type: 'CredentialIssued' }>): Change => ({
  kind: KIND[event.type],
  recordedAt: event.recordedAt,
  effectiveAt: event.data.effectiveAt,
  fromStart: event.type === 'CredentialRevoked' && event.data.abInitio === true,
  event,
});

const changed = (status: 'suspended' | 'revoked', change: Change): CredentialStatusAnswer => {
  const data = change.event.data as (CredentialSuspended | CredentialRevoked)['data'];
  const { credentialId: _c, issuerId: _i, reason, effectiveAt: _e, ...details } = data;
  return { status, reason, effectiveAt: effectiveAtOf(change), recordedAt: change.recordedAt, ...details };
};

/**
 * The one status-at-an-instant judgement of a credential, bitemporal: at `atMs` as the ledger knew
 * it at `asOfMs` (lifecycleAt's rules, revocation being the end). Used by the credentials projection
 * and the status route alike; there is no other copy.
 */
export const credentialStatusFrom = (
  history: readonly RecordedCredentialEvent[],
  question: StatusQuestion,
): CredentialStatusAnswer => {
  // Only what the judgement reads of the issuance, and the changes in one pass: asked on every status request.
  let start: LifecycleStart | undefined;
  const changes: Change[] = [];
  for (const event of history) {
    if (event.type !== 'CredentialIssued') changes.push(changeOf(event));
    else if (!start) {
      const { validFrom, validUntil } = event.data;
      start = { recordedAt: event.recordedAt, validFrom, validUntil };
    }
  }
  const judged = lifecycleAt(start, changes, question);
  switch (judged.state) {
    case 'absent':
      return { status: 'absent', reason: null, effectiveAt: null, recordedAt: null };
    case 'ended':
      return changed('revoked', judged.change);
    case 'suspended':
      return changed('suspended', judged.change);
    default:
      return {
        status: judged.state,
        reason: null,
        effectiveAt: judged.effectiveAt,
        recordedAt: judged.recordedAt,
      };
  }
};
