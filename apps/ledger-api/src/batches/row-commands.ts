import { uuidFromSeed } from '@credence/event-store';
import { type CommandContext, idsFromSeed } from '../http/command-context';

/** The contexts of a row's two commands: recording its assessment, then issuing its credential. */
export type RowCommands = Readonly<{ assessment: CommandContext; credential: CommandContext }>;

/** What names a row's assessment: the row's identity (rowKey or content hash) for a learner and a specification. */
export type RowIdentity = Readonly<{ identity: string; specificationId: string; learnerId: string }>;

/**
 * Command ids derived like a single request's from its Idempotency-Key (idsFromSeed), seeded by the
 * batch's key-derived commandId and the row's identity: a resend with the same key, or a resumed
 * batch, makes the same commands, which the store appends once.
 *
 * The assessment a row records is named without the key, by the issuer and the row's identity for
 * its learner and specification: a resend under a new key records the same assessment again (the
 * decider answers the same facts with no event), and its credential is refused by one assessment,
 * one credential, so the row is skipped as a duplicate rather than issued twice. The learner and
 * specification keep a rowKey reused by another cohort from naming the same assessment.
 */
export const rowCommands = (batch: CommandContext, row: RowIdentity): RowCommands => {
  const forCommand = (type: string): CommandContext => {
    const { commandId, newId } = idsFromSeed(
      `${batch.metadata.commandId}\u0000row\u0000${row.identity}\u0000${type}`,
    );
    // The row's commands are caused by the batch and share its correlation id, so the trail links them.
    return {
      ...batch,
      expectedVersion: undefined,
      metadata: { ...batch.metadata, commandId, causationId: batch.metadata.commandId },
      newId,
    };
  };
  const assessmentId = uuidFromSeed(
    [
      'batch-assessment',
      batch.metadata.issuerId ?? batch.metadata.principal.id,
      row.specificationId,
      row.learnerId,
      row.identity,
    ].join('\u0000'),
  );
  return {
    assessment: { ...forCommand('RecordAssessment'), newId: assessmentId },
    credential: forCommand('IssueCredential'),
  };
};
