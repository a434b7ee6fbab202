import { judgeStatusAt } from '@credence/domain';
import { msOrNull } from '../events';
import type { CredentialDoc, CredentialStatusChange } from '../projections/credentials';

export type CredentialStatusName = 'active' | 'suspended' | 'revoked' | 'expired' | 'not-yet-valid';

export type JudgedStatus = Readonly<{
  status: CredentialStatusName;
  /** The suspension or revocation reason code; null otherwise. */
  reason: string | null;
  /** When this status began, where the record says so. */
  since: string | null;
}>;

/** A recorded status judged at an instant by the domain's judgeStatusAt, with when that status began. */
const judge = (doc: CredentialDoc, change: CredentialStatusChange, atMs: number): JudgedStatus => {
  const from = msOrNull(doc.validFrom);
  const status = judgeStatusAt(change.status, { fromMs: from, untilMs: msOrNull(doc.validUntil) }, atMs);
  switch (status) {
    case 'not-yet-valid':
      return { status, reason: null, since: null };
    case 'expired':
      return { status, reason: null, since: doc.validUntil };
    case 'active':
      return {
        status,
        reason: null,
        since: from !== null && from > (msOrNull(change.at) ?? 0) ? doc.validFrom : change.at,
      };
    default:
      return { status, reason: change.reason, since: change.at };
  }
};

/** The status now: the stored one, with expiry judged at query time (never stored, never evolved). */
export const currentStatus = (doc: CredentialDoc, nowMs: number): JudgedStatus =>
  judge(doc, doc.history[doc.history.length - 1], nowMs);

/**
 * The status at an instant, each change taking effect at its event's `metadata.now`. Before the
 * issuance itself the credential did not exist yet, which reads as not yet valid.
 */
export const statusAt = (doc: CredentialDoc, atMs: number): JudgedStatus => {
  const inEffect = doc.history.filter((change) => (msOrNull(change.at) ?? Infinity) <= atMs);
  const last = inEffect[inEffect.length - 1];
  return last ? judge(doc, last, atMs) : { status: 'not-yet-valid', reason: null, since: null };
};
