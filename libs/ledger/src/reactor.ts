import type Database from 'better-sqlite3';
import { openDurableDatabase, prepared } from '@credence/sqlite';
import type { CommandMetadata, Principal } from '@credence/domain';
import {
  deterministicEventId,
  type EventStore,
  type Position,
  type RecordedEvent,
  type Subscription,
} from '@credence/event-store';
import type { Ledger } from './ledger';
import { credenceEvent } from './credence-event';

/**
 * One thing the ledger does by itself when an event happens: an index it keeps (in the reactor's
 * database) and commands it sends through the Ledger. Both must be idempotent: after a crash the
 * reactor re-runs its last batch.
 */
export type Reaction<Type extends string = string> = Readonly<{
  /**
   * The event types `handle` acts on: it is called for these only, and the reactor reads past the
   * others without decoding them (most of the log: claims, assessments, specifications). `handle`'s
   * event is typed by this list, so a test for an unlisted type fails to compile where the compiler
   * can tell (not after the listed ones have been narrowed away); each reaction's specs catch the
   * rest, since a type left off the list is never handled.
   */
  types: readonly Type[];
  /** Creates the reaction's index tables. */
  setup?: (db: Database.Database) => void;
  // A method, so that a reaction over some types is a Reaction: the reactor calls it for those only.
  handle(event: RecordedEvent & { readonly type: Type }, context: ReactionContext): Promise<void> | void;
}>;

export type ReactionContext = Readonly<{ db: Database.Database; ledger: Ledger; store: EventStore }>;

/**
 * Metadata for a command the system sends because of `cause`: the command id is derived from the
 * cause and a step name, so a re-run after a crash is recognised by the command path and not repeated.
 */
export const reactionMetadata = (
  cause: RecordedEvent,
  principal: Principal,
  step: string,
): CommandMetadata => ({
  commandId: deterministicEventId(cause.eventId, step, 0),
  principal,
  now: cause.metadata.now,
  correlationId: cause.metadata.correlationId,
  causationId: cause.eventId,
});

/**
 * Follows the log from a checkpoint and runs each reaction on every event, in order. The checkpoint
 * is written after the batch, so a crash between a command and the checkpoint re-runs the batch;
 * reactions are idempotent, so nothing happens twice.
 */
export class LedgerReactor {
  private readonly db: Database.Database;
  private subscription?: Subscription;
  /** Every type some reaction acts on: the subscription decodes and delivers only these. */
  private readonly types: ReadonlySet<string>;

  constructor(
    private readonly ledger: Ledger,
    private readonly store: EventStore,
    path: string,
    private readonly reactions: readonly Reaction[],
  ) {
    // NORMAL sync: after a power loss the reactor re-runs its last batch, and its commands dedupe by commandId.
    this.db = openDurableDatabase({ path }, 'NORMAL');
    this.db.exec(
      'CREATE TABLE IF NOT EXISTS reactor_checkpoint (id INTEGER PRIMARY KEY CHECK (id = 1), position TEXT NOT NULL)',
    );
    for (const reaction of reactions) reaction.setup?.(this.db);
    this.types = new Set(reactions.flatMap((reaction) => reaction.types));
  }

  checkpoint(): Position | null {
    const row = this.db.prepare<[], { position: string }>('SELECT position FROM reactor_checkpoint').get();
    return row?.position ?? null;
  }

  start(): Subscription {
    this.subscription = this.store.subscribe(
      { after: this.checkpoint(), types: this.types },
      (events, through) => this.handle(events, through),
    );
    return this.subscription;
  }

  async stop(): Promise<void> {
    await this.subscription?.stop();
    this.db.close();
  }

  /**
   * One transaction per batch: the reactions' index rows and the checkpoint are written together,
   * not each row in a write transaction of its own (a bulk issuance indexes every credential). The
   * reactor alone writes this file (one per deployment), and it handles one batch at a time, so the
   * transaction may stay open while a reaction's command awaits the event store. A failure rolls it
   * back: the batch is re-run, as after a crash. The checkpoint moves to where the subscription read
   * through, past events of types no reaction acts on (a batch of none of them is empty).
   */
  private async handle(events: readonly RecordedEvent[], through: Position): Promise<void> {
    const context = { db: this.db, ledger: this.ledger, store: this.store };
    this.db.exec('BEGIN');
    try {
      // Reactions read the domain's current events: older schema versions are upcast first.
      for (const event of events.map(credenceEvent)) {
        for (const reaction of this.reactions)
          if (reaction.types.includes(event.type)) await reaction.handle(event, context);
      }
      prepared<[string]>(
        this.db,
        'INSERT INTO reactor_checkpoint (id, position) VALUES (1, ?) ON CONFLICT(id) DO UPDATE SET position = excluded.position',
      ).run(through);
      this.db.exec('COMMIT');
    } catch (error) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw error;
    }
  }
}
