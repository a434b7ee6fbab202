import type Database from 'better-sqlite3';
import { credentialDecider, type CredentialRevoked, streamId } from '@credence/domain';
import type { RecordedEvent } from '@credence/event-store';
import { prepared } from '@credence/sqlite';
import { reactionMetadata, type Reaction, type ReactionContext } from '../reactor';

const SYSTEM = { id: 'system:stack-invalidation', role: 'admin' } as const;

type ComponentChange = Readonly<{ credentialId: string; replacementCredentialId?: string }>;

/** Prepared only for the events that index: the reactor hands this reaction every event in the log. */
const indexComponents = (db: Database.Database, stackId: string, componentIds: readonly string[]) => {
  const insert = prepared<[string, string]>(db, 'INSERT OR IGNORE INTO stack_components VALUES (?, ?)');
  for (const componentId of componentIds) insert.run(componentId, stackId);
};

const stacksOf = (db: Database.Database, credentialId: string) =>
  prepared<[string], { stack_id: string }>(db, 'SELECT stack_id FROM stack_components WHERE component_id = ?')
    .all(credentialId)
    .map((row) => row.stack_id);

/** Every stack built on the changed component follows it (ReconcileStackedCredential, by the system). */
const reconcileStacks = async (
  cause: RecordedEvent,
  change: ComponentChange,
  { db, ledger }: ReactionContext,
) => {
  const { credentialId, ...replacement } = change;
  for (const stackId of stacksOf(db, credentialId)) {
    await ledger.handle({
      type: 'ReconcileStackedCredential',
      data: { stackId, componentCredentialId: credentialId, ...replacement },
      metadata: reactionMetadata(cause, SYSTEM, `reconcile:${stackId}:${credentialId}`),
    });
  }
};

/**
 * A superseded component is followed once its re-issue exists: if the revocation comes first, the
 * stacks wait (in `pending_replacements`) for the replacement's CredentialIssued.
 */
const followRevocation = async (event: RecordedEvent, context: ReactionContext) => {
  const { credentialId, reason, supersededBy } = event.data as CredentialRevoked['data'];
  if (reason === 'superseded' && supersededBy !== undefined) {
    const { state } = await context.ledger.load(credentialDecider, streamId('credential', supersededBy));
    if (state.status === 'absent') {
      prepared<[string, string]>(context.db, 'INSERT OR IGNORE INTO pending_replacements VALUES (?, ?)').run(
        supersededBy,
        credentialId,
      );
      return;
    }
    return reconcileStacks(event, { credentialId, replacementCredentialId: supersededBy }, context);
  }
  return reconcileStacks(event, { credentialId }, context);
};

/** Runs on every CredentialIssued: its statement is prepared once per connection, not per event. */
const followReplacementIssued = async (event: RecordedEvent, context: ReactionContext) => {
  const { credentialId } = event.data as { credentialId: string };
  const superseded = prepared<[string], { superseded_id: string }>(
    context.db,
    'SELECT superseded_id FROM pending_replacements WHERE replacement_id = ?',
  ).all(credentialId);
  for (const { superseded_id: supersededId } of superseded) {
    await reconcileStacks(
      event,
      { credentialId: supersededId, replacementCredentialId: credentialId },
      context,
    );
  }
};

/**
 * Stacks follow their components. The reaction keeps an index of which stacks each credential backs,
 * and on a component's revocation, suspension or reinstatement asks each of those stacks to
 * reconcile with its components' current states (the stack decider judges: replaced, lost,
 * invalidated, suspended or reinstated). Commands are derived from the cause, so a re-run after a
 * crash repeats none, and a reconciliation judged on current states adds nothing when re-sent.
 */
export const stackInvalidation: Reaction<
  | 'StackedCredentialAwarded'
  | 'StackComponentReplaced'
  | 'CredentialIssued'
  | 'CredentialRevoked'
  | 'CredentialSuspended'
  | 'CredentialReinstated'
> = {
  types: [
    'StackedCredentialAwarded',
    'StackComponentReplaced',
    'CredentialIssued',
    'CredentialRevoked',
    'CredentialSuspended',
    'CredentialReinstated',
  ],
  setup: (db) =>
    db.exec(`
      CREATE TABLE IF NOT EXISTS stack_components (component_id TEXT NOT NULL, stack_id TEXT NOT NULL, PRIMARY KEY (component_id, stack_id));
      CREATE TABLE IF NOT EXISTS pending_replacements (replacement_id TEXT NOT NULL, superseded_id TEXT NOT NULL, PRIMARY KEY (replacement_id, superseded_id));
    `),
  handle: async (event, context) => {
    switch (event.type) {
      case 'StackedCredentialAwarded': {
        const data = event.data as { stackId: string; componentCredentialIds: string[] };
        indexComponents(context.db, data.stackId, data.componentCredentialIds);
        return;
      }
      case 'StackComponentReplaced': {
        const data = event.data as { stackId: string; replacementCredentialId: string };
        indexComponents(context.db, data.stackId, [data.replacementCredentialId]);
        return;
      }
      case 'CredentialIssued':
        return followReplacementIssued(event, context);
      case 'CredentialRevoked':
        return followRevocation(event, context);
      case 'CredentialSuspended':
      case 'CredentialReinstated':
        return reconcileStacks(
          event,
          { credentialId: (event.data as { credentialId: string }).credentialId },
          context,
        );
    }
  },
};
