import type { AnyEvent, Command, Decider } from '@credence/domain';
import { type EventStore, type ExpectedVersion, handleCommand, type HandleResult } from '@credence/event-store';
import { StateCache } from './state-cache';

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
    private readonly cache = new StateCache(),
  ) {}

  /** The stream's current state: the cached fold plus whatever was appended since, by anyone. */
  async load<State, E extends AnyEvent>(
    decider: Pick<Decider<State, never, E>, 'evolve' | 'initialState'>,
    streamId: string,
  ): Promise<Loaded<State>> {
    const cached = this.cache.get(streamId) as Loaded<State> | undefined;
    const from = cached ? cached.version + 1 : 0;
    const events = await this.store.readStream(streamId, { fromVersion: from });
    if (cached && events.length === 0) return cached;
    const state = (events as unknown as E[]).reduce(decider.evolve, cached ? cached.state : decider.initialState());
    const version = from + events.length - 1;
    if (version >= 0) this.cache.set(streamId, state, version);
    return { state, version };
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
