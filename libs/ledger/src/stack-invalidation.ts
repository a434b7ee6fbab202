import type Database from 'better-sqlite3';
import { openDurableDatabase } from '@credence/event-store/sqlite';
import type { CommandMetadata } from '@credence/domain';
import { deterministicEventId, type EventStore, type Position, type RecordedEvent, type Subscription } from '@credence/event-store';
import type { Ledger } from './ledger';

const SYSTEM = { id: 'system:stack-invalidation', role: 'admin' } as const;

/**
 * When a component credential is revoked, every stack built on it is invalidated through an event.
 * Follows the log from a checkpoint kept in the same transaction as its component → stacks index.
 * A crash between the command and the checkpoint re-runs the command with the same commandId, which
 * the command path recognises and does not repeat.
 */
export class StackInvalidationReactor {
  private readonly db: Database.Database;
  private subscription?: Subscription;

  constructor(
    private readonly ledger: Ledger,
    private readonly store: EventStore,
    path: string,
  ) {
    // NORMAL sync: after a power loss the reactor re-runs its last batch, and its commands dedupe by commandId.
    this.db = openDurableDatabase({ path }, 'NORMAL');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS stack_components (component_id TEXT NOT NULL, stack_id TEXT NOT NULL, PRIMARY KEY (component_id, stack_id));
      CREATE TABLE IF NOT EXISTS reactor_checkpoint (id INTEGER PRIMARY KEY CHECK (id = 1), position TEXT NOT NULL);`);
  }

  checkpoint(): Position | null {
    const row = this.db.prepare<[], { position: string }>('SELECT position FROM reactor_checkpoint').get();
    return row?.position ?? null;
  }

  start(): Subscription {
    this.subscription = this.store.subscribe({ after: this.checkpoint() }, (events) => this.handle(events));
    return this.subscription;
  }

  async stop(): Promise<void> {
    await this.subscription?.stop();
    this.db.close();
  }

  /** Index writes and commands are idempotent, so re-running a batch after a crash changes nothing. */
  private async handle(events: readonly RecordedEvent[]): Promise<void> {
    for (const event of events) {
      if (event.type === 'StackedCredentialAwarded') this.index(event);
      if (event.type === 'CredentialRevoked') await this.invalidate(event);
    }
    if (events.length === 0) return;
    this.db
      .prepare('INSERT INTO reactor_checkpoint (id, position) VALUES (1, ?) ON CONFLICT(id) DO UPDATE SET position = excluded.position')
      .run(events[events.length - 1].globalPosition);
  }

  private index(event: RecordedEvent): void {
    const data = event.data as { stackId: string; componentCredentialIds: string[] };
    const insert = this.db.prepare('INSERT OR IGNORE INTO stack_components VALUES (?, ?)');
    for (const component of data.componentCredentialIds) insert.run(component, data.stackId);
  }

  private async invalidate(revoked: RecordedEvent): Promise<void> {
    const { credentialId } = revoked.data as { credentialId: string };
    const stacks = this.db
      .prepare<[string], { stack_id: string }>('SELECT stack_id FROM stack_components WHERE component_id = ?')
      .all(credentialId);
    for (const { stack_id: stackId } of stacks) {
      const metadata: CommandMetadata = {
        commandId: deterministicEventId(revoked.eventId, `invalidate:${stackId}`, 0),
        principal: SYSTEM,
        now: revoked.metadata.now,
        correlationId: revoked.metadata.correlationId,
        causationId: revoked.eventId,
      };
      await this.ledger.handle({ type: 'InvalidateStackedCredential', data: { stackId, componentCredentialId: credentialId }, metadata });
    }
  }
}
