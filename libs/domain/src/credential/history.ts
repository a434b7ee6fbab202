import { instantMs } from '../time';
import type { CredentialEvent, CredentialIssued, CredentialRevoked, CredentialSuspended } from './events';
import { judgeStatusAt } from './state';

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
export type StatusQuestion = Readonly<{ atMs: number; asOfMs: number }>;

const ABSENT: CredentialStatusAnswer = {
  status: 'absent',
  reason: null,
  effectiveAt: null,
  recordedAt: null,
};

/** A recorded instant never throws here: an unreadable one counts as unbounded (a recorded fact stands). */
const recordedMs = (instant: string | undefined): number | null => {
  if (instant === undefined) return null;
  try {
    return instantMs(instant);
  } catch {
    return null;
  }
};

/** Events recorded before effective dates existed take effect when they were recorded. */
const effectiveAtOf = (event: RecordedCredentialEvent): string =>
  ('effectiveAt' in event.data && event.data.effectiveAt) || event.recordedAt;
const effectiveMs = (event: RecordedCredentialEvent): number =>
  recordedMs(effectiveAtOf(event)) ?? Number.POSITIVE_INFINITY;

type Recorded<E> = E & Readonly<{ recordedAt: string }>;
type Suspension = Readonly<{ suspended: Recorded<CredentialSuspended>; endedBy?: RecordedCredentialEvent }>;

/** Suspensions paired with the reinstatement that ended each, in log order (the decider alternates them). */
const suspensions = (known: readonly RecordedCredentialEvent[]): Suspension[] =>
  known.reduce<Suspension[]>((spans, event) => {
    const open = spans[spans.length - 1];
    if (event.type === 'CredentialSuspended') return [...spans, { suspended: event }];
    if (event.type === 'CredentialReinstated' && open && !open.endedBy) {
      return [...spans.slice(0, -1), { ...open, endedBy: event }];
    }
    return spans;
  }, []);

const covers = ({ suspended, endedBy }: Suspension, atMs: number) =>
  effectiveMs(suspended) <= atMs && (!endedBy || atMs < effectiveMs(endedBy));

const changed = (
  status: 'suspended' | 'revoked',
  event: Recorded<CredentialSuspended | CredentialRevoked>,
): CredentialStatusAnswer => {
  const { credentialId: _c, issuerId: _i, reason, effectiveAt: _e, ...details } = event.data;
  return { status, reason, effectiveAt: effectiveAtOf(event), recordedAt: event.recordedAt, ...details };
};

/** Active: since validFrom, or since the latest suspension that ended at or before `atMs`, if later. */
const active = (
  issued: Recorded<CredentialIssued>,
  spans: readonly Suspension[],
  atMs: number,
): CredentialStatusAnswer => {
  const fromValidity: CredentialStatusAnswer = {
    status: 'active',
    reason: null,
    effectiveAt: issued.data.validFrom,
    recordedAt: issued.recordedAt,
  };
  return spans
    .map((span) => span.endedBy)
    .filter((end): end is RecordedCredentialEvent => end !== undefined && effectiveMs(end) <= atMs)
    .reduce<CredentialStatusAnswer>((since, end) => {
      const later = effectiveMs(end) > (recordedMs(since.effectiveAt ?? undefined) ?? -Infinity);
      return later ? { ...since, effectiveAt: effectiveAtOf(end), recordedAt: end.recordedAt } : since;
    }, fromValidity);
};

/**
 * The one status-at-an-instant judgement, bitemporal: the credential at `atMs` as the ledger knew it
 * at `asOfMs`, counting only events recorded by then (none: `absent`). Each change holds from its
 * `effectiveAt`. Revocation is final and wins over everything: from its effectiveAt, or at every
 * instant when it was ab initio. A suspension holds until the reinstatement that ended it. Neither
 * changing, the validity period decides (judgeStatusAt: validFrom inclusive, validUntil exclusive).
 * Used by the credentials projection and the status route alike; there is no other copy.
 */
export const credentialStatusFrom = (
  history: readonly RecordedCredentialEvent[],
  { atMs, asOfMs }: StatusQuestion,
): CredentialStatusAnswer => {
  const known = history.filter((event) => (recordedMs(event.recordedAt) ?? Infinity) <= asOfMs);
  const issued = known.find((e): e is Recorded<CredentialIssued> => e.type === 'CredentialIssued');
  if (!issued) return ABSENT;
  const revoked = known.find((e): e is Recorded<CredentialRevoked> => e.type === 'CredentialRevoked');
  if (revoked && (revoked.data.abInitio || effectiveMs(revoked) <= atMs)) return changed('revoked', revoked);
  const spans = suspensions(known);
  const holding = spans.filter((span) => covers(span, atMs));
  if (holding.length > 0) {
    const latest = holding.reduce((a, b) => (effectiveMs(b.suspended) >= effectiveMs(a.suspended) ? b : a));
    return changed('suspended', latest.suspended);
  }
  const { validFrom, validUntil } = issued.data;
  const period = { fromMs: recordedMs(validFrom), untilMs: recordedMs(validUntil) };
  switch (judgeStatusAt('active', period, atMs)) {
    case 'not-yet-valid':
      return { status: 'not-yet-valid', reason: null, effectiveAt: null, recordedAt: issued.recordedAt };
    case 'expired':
      return {
        status: 'expired',
        reason: null,
        effectiveAt: validUntil ?? null,
        recordedAt: issued.recordedAt,
      };
    case 'active':
      return active(issued, spans, atMs);
  }
};
