import type { AnyEvent, Command } from './message';

/**
 * The whole domain contract (after Emmett): pure functions, no I/O.
 * `decide` throws a DomainError to refuse; it returns [] when the command is already in effect.
 */
export type Decider<State, C extends Command<string, unknown>, E extends AnyEvent> = Readonly<{
  decide: (command: C, state: State) => E[];
  evolve: (state: State, event: E) => State;
  initialState: () => State;
}>;

export const fold = <State, E extends AnyEvent>(
  decider: Pick<Decider<State, never, E>, 'evolve' | 'initialState'>,
  events: readonly E[],
): State => events.reduce(decider.evolve, decider.initialState());
