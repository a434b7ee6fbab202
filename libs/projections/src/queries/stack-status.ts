import type { Kysely } from 'kysely';
import { judgeStackStatusAt, type StackStatusAt } from '@credence/domain';
import { msOrNull } from '../events';
import type { StackDoc, StackStatusChange } from '../projections/stacks';
import type { ReadModelTables } from '../store/tables';

export type JudgedStackStatus = Readonly<{
  status: StackStatusAt;
  /** The components that caused a suspension or the invalidation; empty otherwise. */
  causedBy: readonly string[];
  /** When this status began, where the record says so. */
  since: string | null;
}>;

/** A document written before the stacks projection kept a history reads as its one recorded status. */
const historyOf = (doc: StackDoc): readonly StackStatusChange[] =>
  doc.history ?? [{ status: doc.status, componentCredentialIds: [], at: doc.awardedAt }];

/**
 * The stack's status at an instant, each change taking effect at its event's `metadata.now`, judged
 * by the domain's judgeStackStatusAt: valid from the award until its components' earliest end.
 */
export const stackStatusAt = (doc: StackDoc, atMs: number): JudgedStackStatus => {
  const inEffect = historyOf(doc).filter((change) => (msOrNull(change.at) ?? Infinity) <= atMs);
  const last = inEffect[inEffect.length - 1];
  if (!last) return { status: 'not-yet-valid', causedBy: [], since: null };
  const period = { fromMs: msOrNull(doc.awardedAt), untilMs: msOrNull(doc.validUntil) };
  const status = judgeStackStatusAt(last.status, period, atMs);
  if (status === 'expired') return { status, causedBy: [], since: doc.validUntil };
  return { status, causedBy: last.componentCredentialIds, since: last.at };
};

/** A stacked credential's status at an instant, with the components it rests on now and those it lost. */
export const queryStackStatusAt = async (db: Kysely<ReadModelTables>, stackId: string, atMs: number) => {
  const row = await db.selectFrom('stacks').select('doc').where('id', '=', stackId).executeTakeFirst();
  if (!row) return null;
  const doc = JSON.parse(row.doc) as StackDoc;
  return {
    stackId,
    issuerId: doc.issuerId,
    pathwayId: doc.pathwayId,
    learnerId: doc.learnerId,
    at: new Date(atMs).toISOString(),
    ...stackStatusAt(doc, atMs),
    awardedAt: doc.awardedAt,
    validUntil: doc.validUntil ?? null,
    componentCredentialIds: doc.componentCredentialIds,
    totalEcts: doc.totalEcts,
    zeroEctsComponentIds: doc.zeroEctsComponentIds ?? [],
    formerComponents: doc.formerComponents ?? [],
  };
};
