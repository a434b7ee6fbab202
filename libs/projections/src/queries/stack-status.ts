import type { Kysely } from 'kysely';
import {
  type StatusQuestion,
  type RecordedStackEvent,
  type StackStatusAnswer,
  stackStatusFrom,
} from '@credence/domain';
import type { StackDoc, StackStatusChange } from '../projections/stacks';
import type { ReadModelTables } from '../store/tables';

/** The events a change in `history` stood for, for documents stored before the events were kept. */
const fromChange = (doc: StackDoc, { status, componentCredentialIds }: StackStatusChange, i: number) => {
  const ids = { stackId: doc.stackId, issuerId: doc.issuerId };
  if (i === 0) {
    const {
      pathwayId,
      learnerId,
      componentCredentialIds: components,
      totalEcts,
      awardedAt,
      validUntil,
    } = doc;
    const award = { pathwayId, learnerId, componentCredentialIds: components, totalEcts, awardedAt };
    return {
      type: 'StackedCredentialAwarded',
      data: { ...ids, ...award, validUntil: validUntil ?? undefined },
    };
  }
  if (status === 'suspended')
    return {
      type: 'StackedCredentialSuspended',
      data: { ...ids, suspendedComponentIds: componentCredentialIds },
    };
  if (status === 'invalidated') {
    const data = {
      ...ids,
      reason: 'component-revoked',
      componentCredentialId: componentCredentialIds[0] ?? '',
    };
    return { type: 'StackedCredentialInvalidated', data };
  }
  return { type: 'StackedCredentialReinstated', data: ids };
};

/**
 * The recorded events of a stack. A document stored before they were kept reads them back from its
 * status changes (or, older still, as an award in its one recorded status); `credence projections
 * rebuild` stores the real ones.
 */
const eventsOf = (doc: StackDoc): readonly RecordedStackEvent[] => {
  if (doc.events) return doc.events;
  const history = doc.history ?? [
    { status: 'awarded', componentCredentialIds: [], at: doc.awardedAt },
    ...(doc.status === 'awarded'
      ? []
      : [{ status: doc.status, componentCredentialIds: [], at: doc.awardedAt }]),
  ];
  return history.map(
    (change, i) => ({ ...fromChange(doc, change, i), recordedAt: change.at }) as RecordedStackEvent,
  );
};

/** The stack's status at `atMs` as the ledger knew it at `asOfMs`: the domain's judgement of its stored events. */
export const stackStatusAt = (doc: StackDoc, question: StatusQuestion): StackStatusAnswer =>
  stackStatusFrom(eventsOf(doc), question);

/**
 * A stacked credential's status at `atMs` as known at `asOfMs`, with the components it rests on now
 * and those it lost. As known before its award was recorded, it is `absent` and nothing more is told.
 */
export const queryStackStatusAt = async (
  db: Kysely<ReadModelTables>,
  stackId: string,
  { atMs, asOfMs }: StatusQuestion,
) => {
  const row = await db.selectFrom('stacks').select('doc').where('id', '=', stackId).executeTakeFirst();
  if (!row) return null;
  const doc = JSON.parse(row.doc) as StackDoc;
  const status = stackStatusAt(doc, { atMs, asOfMs });
  const known = status.status !== 'absent';
  return {
    stackId,
    issuerId: doc.issuerId,
    pathwayId: doc.pathwayId,
    learnerId: doc.learnerId,
    at: new Date(atMs).toISOString(),
    asOf: new Date(asOfMs).toISOString(),
    ...status,
    awardedAt: known ? doc.awardedAt : null,
    componentCredentialIds: known ? doc.componentCredentialIds : [],
    totalEcts: known ? doc.totalEcts : null,
    zeroEctsComponentIds: known ? (doc.zeroEctsComponentIds ?? []) : [],
    formerComponents: known ? (doc.formerComponents ?? []) : [],
  };
};
