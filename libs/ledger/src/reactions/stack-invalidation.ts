import type { RecordedEvent } from '@credence/event-store';
import { reactionMetadata, type Reaction } from '../reactor';

const SYSTEM = { id: 'system:stack-invalidation', role: 'admin' } as const;

/** When a component credential is revoked, every stack built on it is invalidated through an event. */
export const stackInvalidation: Reaction = {
  setup: (db) =>
    db.exec(
      'CREATE TABLE IF NOT EXISTS stack_components (component_id TEXT NOT NULL, stack_id TEXT NOT NULL, PRIMARY KEY (component_id, stack_id))',
    ),
  handle: async (event, { db, ledger }) => {
    if (event.type === 'StackedCredentialAwarded') {
      const data = event.data as { stackId: string; componentCredentialIds: string[] };
      const insert = db.prepare('INSERT OR IGNORE INTO stack_components VALUES (?, ?)');
      for (const component of data.componentCredentialIds) insert.run(component, data.stackId);
    }
    if (event.type !== 'CredentialRevoked') return;
    const { credentialId } = event.data as { credentialId: string };
    const stacks = db
      .prepare<[string], { stack_id: string }>('SELECT stack_id FROM stack_components WHERE component_id = ?')
      .all(credentialId);
    for (const { stack_id: stackId } of stacks) await invalidate(event, stackId, credentialId, ledger);
  },
};

const invalidate = (
  revoked: RecordedEvent,
  stackId: string,
  credentialId: string,
  ledger: Parameters<Reaction['handle']>[1]['ledger'],
) =>
  ledger.handle({
    type: 'InvalidateStackedCredential',
    data: { stackId, componentCredentialId: credentialId },
    metadata: reactionMetadata(revoked, SYSTEM, `invalidate:${stackId}`),
  });
