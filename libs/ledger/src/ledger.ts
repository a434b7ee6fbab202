import { type AnyEvent, type Command, type Decider, fold } from '@credence/domain';
import { type EventStore, type ExpectedVersion, handleCommand, type HandleResult } from '@credence/event-store';

type AnyCommand = Command<string, unknown>;

/**
 * Checks a command against the active ruleset on the state `decide` will see. Returns the command
 * stamped with the ruleset and its warnings, or records the refusal and throws RuleViolationError.
 */
export abstract class RulesGate {
  abstract check<C extends AnyCommand>(command: C, targetStreamId: string, state: unknown): Promise<C>;
}

export type Loaded<State> = Readonly<{ state: State; version: number }>;

/** The application service every command handler goes through: load related state, gate, decide, append. */
export class Ledger {
  constructor(
    readonly store: EventStore,
    private readonly gate: RulesGate,
  ) {}

  async load<State, E extends AnyEvent>(
    decider: Pick<Decider<State, never, E>, 'evolve' | 'initialState'>,
    streamId: string,
  ): Promise<Loaded<State>> {
    const events = await this.store.readStream(streamId);
    return { state: fold(decider, events as unknown as E[]), version: events.length - 1 };
  }

  async loadMany<State, E extends AnyEvent>(
    decider: Pick<Decider<State, never, E>, 'evolve' | 'initialState'>,
    streamIds: readonly string[],
  ): Promise<State[]> {
    return Promise.all(streamIds.map(async (id) => (await this.load(decider, id)).state));
  }

  execute<State, C extends AnyCommand, E extends AnyEvent>(
    decider: Decider<State, C, E>,
    streamId: string,
    command: C,
    options: { expectedVersion?: ExpectedVersion } = {},
  ): Promise<HandleResult<State>> {
    return handleCommand(this.store, decider, streamId, command, {
      expectedVersion: options.expectedVersion,
      prepare: (prepared, state) => this.gate.check(prepared, streamId, state),
    });
  }
}
