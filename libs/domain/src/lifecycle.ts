import { invalid } from './core';
import { judgeStatusAt } from './credential/state';
import { instantMs } from './time';

/**
 * Bitemporal judgement of anything that starts, may be suspended and reinstated, and may end for
 * good: a credential (revocation ends it) or an accreditation (withdrawal ends it). One rule set,
 * so "valid on that date, as known then / as known now" means the same for both.
 */

/** The start: when it was recorded, and its validity period. */
export type LifecycleStart = Readonly<{ recordedAt: string; validFrom: string; validUntil?: string | null }>;

/** A change, recorded at `recordedAt`, taking effect at `effectiveAt` (absent: when recorded). */
export type LifecycleChange = Readonly<{
  kind: 'suspended' | 'reinstated' | 'ended';
  recordedAt: string;
  effectiveAt?: string;
  /** An end that holds at every instant (a revocation ab initio). */
  fromStart?: boolean;
}>;

export type LifecycleQuestion = Readonly<{ atMs: number; asOfMs: number }>;

export type LifecycleState<C> =
  | Readonly<{ state: 'absent' }>
  | Readonly<{
      state: 'not-yet-valid' | 'expired' | 'active';
      effectiveAt: string | null;
      recordedAt: string;
    }>
  | Readonly<{ state: 'suspended' | 'ended'; change: C }>;

/** A recorded instant never throws here: an unreadable one counts as unbounded (a recorded fact stands). */
export const recordedMs = (instant: string | null | undefined): number | null => {
  if (instant === undefined || instant === null) return null;
  try {
    return instantMs(instant);
  } catch {
    return null;
  }
};

export const effectiveAtOf = (change: LifecycleChange): string => change.effectiveAt || change.recordedAt;
const effectiveMs = (change: LifecycleChange): number =>
  recordedMs(effectiveAtOf(change)) ?? Number.POSITIVE_INFINITY;

type Suspension<C> = Readonly<{ suspended: C; endedBy?: C }>;

/** Suspensions paired with the reinstatement that ended each, in log order (the deciders alternate them). */
const suspensions = <C extends LifecycleChange>(known: readonly C[]): Suspension<C>[] =>
  known.reduce<Suspension<C>[]>((spans, change) => {
    const open = spans[spans.length - 1];
    if (change.kind === 'suspended') return [...spans, { suspended: change }];
    if (change.kind === 'reinstated' && open && !open.endedBy) {
      return [...spans.slice(0, -1), { ...open, endedBy: change }];
    }
    return spans;
  }, []);

const covers = <C extends LifecycleChange>({ suspended, endedBy }: Suspension<C>, atMs: number) =>
  effectiveMs(suspended) <= atMs && (!endedBy || atMs < effectiveMs(endedBy));

type Active = Readonly<{ state: 'active'; effectiveAt: string | null; recordedAt: string }>;

/** Active: since validFrom, or since the latest suspension that ended at or before `atMs`, if later. */
const activeSince = <C extends LifecycleChange>(
  start: LifecycleStart,
  spans: readonly Suspension<C>[],
  atMs: number,
): Active => {
  const ends = spans
    .map((span) => span.endedBy)
    .filter((end): end is C => end !== undefined && effectiveMs(end) <= atMs);
  return ends.reduce<Active>(
    (since, end) =>
      effectiveMs(end) > (recordedMs(since.effectiveAt) ?? -Infinity)
        ? { state: 'active', effectiveAt: effectiveAtOf(end), recordedAt: end.recordedAt }
        : since,
    { state: 'active', effectiveAt: start.validFrom, recordedAt: start.recordedAt },
  );
};

/**
 * The state at `atMs` as known at `asOfMs`, counting only what was recorded by then (no start:
 * `absent`). Each change holds from its effectiveAt. An end is final and wins over everything: from
 * its effectiveAt, or at every instant when `fromStart`. A suspension holds until the reinstatement
 * that ended it. Neither, the validity period decides (validFrom inclusive, validUntil exclusive).
 */
export const lifecycleAt = <C extends LifecycleChange>(
  start: LifecycleStart | undefined,
  changes: readonly C[],
  { atMs, asOfMs }: LifecycleQuestion,
): LifecycleState<C> => {
  const recordedBy = (r: { recordedAt: string }) => (recordedMs(r.recordedAt) ?? Infinity) <= asOfMs;
  if (!start || !recordedBy(start)) return { state: 'absent' };
  const known = changes.filter(recordedBy);
  const end = known.find((change) => change.kind === 'ended');
  if (end && (end.fromStart || effectiveMs(end) <= atMs)) return { state: 'ended', change: end };
  const spans = suspensions(known);
  const holding = spans.filter((span) => covers(span, atMs));
  if (holding.length > 0) {
    const latest = holding.reduce((a, b) => (effectiveMs(b.suspended) >= effectiveMs(a.suspended) ? b : a));
    return { state: 'suspended', change: latest.suspended };
  }
  const period = { fromMs: recordedMs(start.validFrom), untilMs: recordedMs(start.validUntil) };
  switch (judgeStatusAt('active', period, atMs)) {
    case 'not-yet-valid':
      return { state: 'not-yet-valid', effectiveAt: null, recordedAt: start.recordedAt };
    case 'expired':
      return { state: 'expired', effectiveAt: start.validUntil ?? null, recordedAt: start.recordedAt };
    case 'active':
      return activeSince(start, spans, atMs);
  }
};

/** Event data of a change that may take effect before it is recorded. */
export type Effective = {
  /**
   * When the change takes effect (RFC 3339), at or before its recording (`metadata.now`). Events
   * recorded before effective dates existed have none and take effect when recorded.
   */
  effectiveAt?: string;
};

/**
 * A requested effectiveAt, checked: never in the future (the ledger records what happened, not
 * what will), never before `validFrom` (nothing to change then), never before `notBefore` (a
 * reinstatement cannot end a suspension before it began). Errors are `<prefix>.effective-…`, naming
 * the field. No request: the recording time.
 */
export const checkEffectiveAt = (
  requested: string | undefined,
  bounds: Readonly<{ now: string; validFrom: string; notBefore?: string; prefix: string }>,
): string => {
  if (requested === undefined) return bounds.now;
  const field = 'effectiveAt';
  const atMs = instantMs(requested, field);
  const refuse = (code: string, message: string, extra: Record<string, unknown>) =>
    invalid(`${bounds.prefix}.${code}`, message, { field, value: requested, ...extra });
  if (atMs > instantMs(bounds.now)) {
    throw refuse('effective-in-future', `effectiveAt ${requested} is in the future`, { now: bounds.now });
  }
  if (atMs < instantMs(bounds.validFrom)) {
    throw refuse(
      'effective-before-valid-from',
      `effectiveAt ${requested} is before validFrom ${bounds.validFrom}`,
      {
        validFrom: bounds.validFrom,
      },
    );
  }
  if (bounds.notBefore && atMs < instantMs(bounds.notBefore)) {
    throw refuse(
      'reinstated-before-suspended',
      `effectiveAt ${requested} is before the suspension took effect`,
      {
        suspendedFrom: bounds.notBefore,
      },
    );
  }
  return requested;
};
