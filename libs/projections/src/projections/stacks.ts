import type { RecordedStackEvent, StackedCredentialAwarded, StackEvent } from '@credence/domain';
import type { EventOf } from '../events';
import { defineProjection } from '../projection';

export type StoredStackStatus = 'awarded' | 'suspended' | 'invalidated';

/** One status change, effective at the `now` of the command that made it (as a credential's). */
export type StackStatusChange = Readonly<{
  status: StoredStackStatus;
  /** The components that caused it: the suspended ones, or the revoked one; empty for an award. */
  componentCredentialIds: readonly string[];
  at: string;
}>;

/** A component the stack no longer rests on: lost (revoked) or replaced by its re-issue. */
export type FormerComponent = Readonly<{
  componentCredentialId: string;
  outcome: 'lost' | 'replaced';
  reason: string;
  replacementCredentialId: string | null;
  at: string;
}>;

export type StackDoc = Omit<StackedCredentialAwarded['data'], 'validUntil' | 'zeroEctsComponentIds'> &
  Readonly<{
    /** `componentCredentialIds`, `totalEcts` and `validUntil` describe the components that back it now. */
    validUntil: string | null;
    /** Components counted as 0 ECTS at the award: their specification states hours only. */
    zeroEctsComponentIds: readonly string[];
    status: StoredStackStatus;
    invalidation: Readonly<{ componentCredentialId: string; reason: string; at: string }> | null;
    formerComponents: readonly FormerComponent[];
    /** Every status since the award, in log order, with its cause. */
    history: readonly StackStatusChange[];
    /** Its events as recorded, in log order: what the domain's stackStatusFrom judges at (at, asOf). */
    events: readonly RecordedStackEvent[];
  }>;

type Event = EventOf<StackEvent['type']>;

const withStatus = (
  doc: StackDoc,
  status: StoredStackStatus,
  ids: readonly string[],
  event: Event,
): StackDoc => ({
  ...doc,
  status,
  history: [...doc.history, { status, componentCredentialIds: ids, at: event.metadata.now }],
});

const withComponents = (
  doc: StackDoc,
  data: { componentCredentialIds: readonly string[]; totalEcts: number; validUntil?: string },
  former: FormerComponent,
): StackDoc => ({
  ...doc,
  componentCredentialIds: data.componentCredentialIds,
  totalEcts: data.totalEcts,
  validUntil: data.validUntil ?? null,
  formerComponents: [...doc.formerComponents, former],
});

/** Type, data and recording time: all the judgement reads (the metadata stays in the log). */
const recordedOf = ({ type, data, metadata }: Event) =>
  ({ type, data, recordedAt: metadata.now }) as RecordedStackEvent;

/** Keeps the event for status at (at, asOf) whenever it changed the document (a repeat or a late event does not). */
const evolve = (doc: StackDoc | null, event: Event): StackDoc | null => {
  const next = apply(doc, event);
  return next && next !== doc ? { ...next, events: [...(doc?.events ?? []), recordedOf(event)] } : next;
};

const apply = (doc: StackDoc | null, event: Event): StackDoc | null => {
  if (event.type === 'StackedCredentialAwarded') {
    if (doc) return doc;
    const { validUntil, zeroEctsComponentIds, ...data } = event.data;
    return {
      ...data,
      validUntil: validUntil ?? null,
      zeroEctsComponentIds: zeroEctsComponentIds ?? [],
      status: 'awarded',
      invalidation: null,
      formerComponents: [],
      history: [{ status: 'awarded', componentCredentialIds: [], at: event.metadata.now }],
      events: [],
    };
  }
  if (!doc || doc.status === 'invalidated') return doc;
  const at = event.metadata.now;
  switch (event.type) {
    case 'StackedCredentialInvalidated': {
      const { componentCredentialId, reason } = event.data;
      const invalidation = { componentCredentialId, reason, at };
      return { ...withStatus(doc, 'invalidated', [componentCredentialId], event), invalidation };
    }
    case 'StackComponentLost': {
      const { componentCredentialId, reason } = event.data;
      const former = {
        componentCredentialId,
        outcome: 'lost' as const,
        reason,
        replacementCredentialId: null,
        at,
      };
      return withComponents(doc, event.data, former);
    }
    case 'StackComponentReplaced': {
      const { componentCredentialId, replacementCredentialId } = event.data;
      const outcome = 'replaced' as const;
      const former = { componentCredentialId, outcome, reason: 'superseded', replacementCredentialId, at };
      return withComponents(doc, event.data, former);
    }
    case 'StackedCredentialSuspended':
      return withStatus(doc, 'suspended', event.data.suspendedComponentIds, event);
    case 'StackedCredentialReinstated':
      return withStatus(doc, 'awarded', [], event);
  }
};

/** Stacked credentials, for the learner record and a stack's status at an instant. */
export const stacksProjection = defineProjection({
  name: 'stacks',
  canHandle: [
    'StackedCredentialAwarded',
    'StackedCredentialInvalidated',
    'StackComponentLost',
    'StackComponentReplaced',
    'StackedCredentialSuspended',
    'StackedCredentialReinstated',
  ],
  documentIds: (event) => [event.data.stackId],
  evolve,
  columns: (doc) => ({
    issuer_id: doc.issuerId,
    learner_id: doc.learnerId,
    pathway_id: doc.pathwayId,
    status: doc.status,
  }),
});
