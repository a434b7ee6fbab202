import { type LifecycleChange, lifecycleAt, type LifecycleQuestion, recordedMs } from '../lifecycle';
import type { StackEvent } from './events';

/** A stack event with the instant the ledger recorded it (its `metadata.now`). */
export type RecordedStackEvent = StackEvent & Readonly<{ recordedAt: string }>;

export type StackStatusName = 'absent' | 'not-yet-valid' | 'active' | 'expired' | 'suspended' | 'invalidated';

export type StackStatusAnswer = Readonly<{
  status: StackStatusName;
  /** The components that caused a suspension or the invalidation; empty otherwise. */
  causedBy: readonly string[];
  /** When this status began (for `expired`, the validUntil); null when nothing says so. */
  since: string | null;
  /** When the ledger recorded the event that makes it so. */
  recordedAt: string | null;
  /** The components' earliest end as known at asOf (a lost or replaced component moves it). */
  validUntil: string | null;
}>;

type Change = LifecycleChange & Readonly<{ causedBy: readonly string[] }>;

/**
 * A stack follows its components as the reactor records their changes, so each of its events takes
 * effect when recorded; the component's own effective date is the component's business, judged there.
 */
const changeOf = (event: RecordedStackEvent): Change[] => {
  const { recordedAt } = event;
  switch (event.type) {
    case 'StackedCredentialSuspended':
      return [{ kind: 'suspended', recordedAt, causedBy: event.data.suspendedComponentIds }];
    case 'StackedCredentialReinstated':
      return [{ kind: 'reinstated', recordedAt, causedBy: [] }];
    case 'StackedCredentialInvalidated':
      return [{ kind: 'ended', recordedAt, causedBy: [event.data.componentCredentialId] }];
    default:
      return [];
  }
};

/** The validity end as known at asOfMs: the award's, moved by every later change of components. */
const validUntilKnownAt = (history: readonly RecordedStackEvent[], asOfMs: number): string | null =>
  history
    .filter((e) => (recordedMs(e.recordedAt) ?? Infinity) <= asOfMs)
    .reduce<string | null>(
      (until, e) =>
        e.type === 'StackedCredentialAwarded' ||
        e.type === 'StackComponentLost' ||
        e.type === 'StackComponentReplaced'
          ? (e.data.validUntil ?? null)
          : until,
      null,
    );

/**
 * The one status-at-an-instant judgement of a stacked credential, bitemporal like a credential's
 * (lifecycleAt's rules, invalidation being the end): at `atMs` as the ledger knew it at `asOfMs`.
 * Valid from its award until its components' earliest end; used by the stacks read model's query.
 */
export const stackStatusFrom = (
  history: readonly RecordedStackEvent[],
  question: LifecycleQuestion,
): StackStatusAnswer => {
  const award = history.find((e) => e.type === 'StackedCredentialAwarded');
  const validUntil = validUntilKnownAt(history, question.asOfMs);
  const start = award && { recordedAt: award.recordedAt, validFrom: award.data.awardedAt, validUntil };
  const judged = lifecycleAt(start, history.flatMap(changeOf), question);
  switch (judged.state) {
    case 'absent':
      return { status: 'absent', causedBy: [], since: null, recordedAt: null, validUntil: null };
    case 'ended':
    case 'suspended': {
      const { change } = judged;
      const status = judged.state === 'ended' ? 'invalidated' : 'suspended';
      return {
        status,
        causedBy: change.causedBy,
        since: change.recordedAt,
        recordedAt: change.recordedAt,
        validUntil,
      };
    }
    default:
      return {
        status: judged.state,
        causedBy: [],
        since: judged.effectiveAt,
        recordedAt: judged.recordedAt,
        validUntil,
      };
  }
};
