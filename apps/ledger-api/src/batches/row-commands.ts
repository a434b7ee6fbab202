import { type CommandContext, idsFromSeed } from '../http/command-context';

/** The contexts of a row's two commands: recording its assessment, then issuing its credential. */
export type RowCommands = Readonly<{ assessment: CommandContext; credential: CommandContext }>;

/**
 * Ids derived like a single request's from its Idempotency-Key (idsFromSeed), seeded by the batch's
 * key-derived commandId and the row's identity (rowKey or content hash). A resend with the same key,
 * or a resumed batch, makes the same commands, which the store appends once.
 */
export const rowCommands = (batch: CommandContext, identity: string): RowCommands => {
  const forCommand = (type: string): CommandContext => {
    const { commandId, newId } = idsFromSeed(
      `${batch.metadata.commandId}\u0000row\u0000${identity}\u0000${type}`,
    );
    // The row's commands are caused by the batch and share its correlation id, so the trail links them.
    return {
      ...batch,
      expectedVersion: undefined,
      metadata: { ...batch.metadata, commandId, causationId: batch.metadata.commandId },
      newId,
    };
  };
  return { assessment: forCommand('RecordAssessment'), credential: forCommand('IssueCredential') };
};
