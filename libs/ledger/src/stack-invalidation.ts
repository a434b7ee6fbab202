import type { CommandMetadata } from '@credence/domain';
import { deterministicEventId, type EventStore, type Position, type RecordedEvent, type Subscription } from '@credence/event-store';
import type { Ledger } from './ledger';
import { StackInvalidationStore } from './stack-invalidation-store';

const SYSTEM = { id: 'system:stack-invalidation', role: 'admin' } as const;

/**
 * When a component credential is revoked, every stack built on it is invalidated through an event.
 * Follows the log from a checkpoint kept in the same transaction as its component → stacks index.
 * A crash between the command and the checkpoint re-runs the command with the same commandId, which
 * the command path recognises and does not repeat.
 */
export class StackInvalidationReactor {
  private readonly reactorStore: StackInvalidationStore;
  private subscription?: Subscription;

  constructor(
    private readonly ledger: Ledger,
    private readonly store: EventStore,
    path: string,
  ) {
    this.reactorStore = StackInvalidationStore.open(path);
  }

  checkpoint(): Position | null {
    return this.reactorStore.checkpoint();
  }

  start(): Subscription {
    this.subscription = this.store.subscribe({ after: this.checkpoint() }, (events) => this.handle(events));
    return this.subscription;
  }

  async stop(): Promise<void> {
    await this.subscription?.stop();
    this.reactorStore.close();
  }

  /** Index writes and commands are idempotent, so re-running a batch after a crash changes nothing. */
  private async handle(events: readonly RecordedEvent[]): Promise<void> {
    for (const event of events) {
      if (event.type === 'StackedCredentialAwarded') this.index(event);
      if (event.type === 'CredentialRevoked') await this.invalidate(event);
    }
    if (events.length === 0) return;
    this.reactorStore.saveCheckpoint(events[events.length - 1].globalPosition);
  }

  private index(event: RecordedEvent): void {
    const data = event.data as { stackId: string; componentCredentialIds: string[] };
    this.reactorStore.index(data.stackId, data.componentCredentialIds);
  }

  private async invalidate(revoked: RecordedEvent): Promise<void> {
    const { credentialId } = revoked.data as { credentialId: string };
    for (const stackId of this.reactorStore.stacksUsing(credentialId)) {
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
