import type { AnyEvent, Command, Decider } from '@credence/domain';
import type { ExpectedVersion, NewEvent, Position, RecordedEvent } from './envelope';
import { ConcurrencyError } from './errors';
import { uuidFromSeed } from './ids';
import { toDomainEvent, type Upcasters } from './upcast';
import type { EventStore } from './event-store';

/** A stream's state as the caller already holds it: what a read and fold would give now. */
export type KnownState<State> = Readonly<{
  state: State;
  /** The stream's last revision, or -1 when it does not exist. */
  version: number;
  /** Global position of the stream's last event; null when it does not exist. */
  position: Position | null;
}>;

export type HandleOptions<State, C> = Readonly<{
  /** From If-Match. When given, a conflict is the caller's to resolve, so no retry. */
  expectedVersion?: ExpectedVersion;
  /**
   * Runs on the state `decide` will see, e.g. to check the ruleset and stamp its verdict into the
   * metadata. It may return a changed command or throw to refuse.
   */
  prepare?: (command: C, state: State) => Promise<C> | C;
  /** Re-read and re-decide this often when another writer got there first (no If-Match given). */
  maxRetries?: number;
  /** The caller's upcasters, so events stored in an older schema fold as the decider's current ones. */
  upcasters?: Upcasters;
  /**
   * The stream's state without reading it, e.g. from an exact cache: the decision is appended with
   * its version expected. Give it only when the command is known not to be among the stream's
   * events (else the replay would be missed); return undefined to have the stream read. An
   * append that meets another writer's events, and a decision to append nothing on a stream held
   * to be absent, go on as if no state had been given: the stream is read, which also finds replays.
   */
  current?: (command: C) => Promise<KnownState<State> | undefined> | KnownState<State> | undefined;
}>;

export type HandleResult<State> = Readonly<{
  state: State;
  /** Events this call appended, or the ones an earlier identical command appended. */
  events: readonly RecordedEvent[];
  /** The stream's last revision, or -1 when it still does not exist. */
  version: number;
  /** Global position of the last event of the decision; null when nothing was ever appended. */
  position: Position | null;
  /** True when the command had been handled before: nothing was appended now. */
  replayed: boolean;
}>;

/** UUID-shaped and derived from the command, so a retried append dedupes in the store. */
export const deterministicEventId = (commandId: string, streamId: string, index: number): string =>
  uuidFromSeed(`${commandId}\u0000${streamId}\u0000${index}`);

const toNewEvents = (
  store: EventStore,
  command: Command<string, unknown>,
  streamId: string,
  events: readonly AnyEvent[],
) =>
  events.map((event, index): NewEvent => ({
    eventId: deterministicEventId(command.metadata.commandId, streamId, index),
    type: event.type,
    schemaVersion: store.schemaVersionOf(event.type),
    data: event.data,
    metadata: command.metadata,
  }));

type Attempt<State> = HandleResult<State> | 'read';

/**
 * Decides on `known` without a read. 'read' when the stream must be read after all: another writer
 * appended first, or nothing to append on a stream held to be absent (its position is then unsure).
 */
const onKnownState = async <State, C extends Command<string, unknown>, E extends AnyEvent>(
  store: EventStore,
  decider: Decider<State, C, E>,
  streamId: string,
  command: C,
  known: KnownState<State>,
  options: HandleOptions<State, C>,
): Promise<Attempt<State>> => {
  const expected = options.expectedVersion ?? (known.version < 0 ? 'no_stream' : known.version);
  // A stale If-Match: the read path tells a replay from a conflict, as it always did.
  if (expected !== (known.version < 0 ? 'no_stream' : known.version)) return 'read';
  const prepared = options.prepare ? await options.prepare(command, known.state) : command;
  const decided = decider.decide(prepared, known.state);
  if (decided.length === 0) {
    if (known.version < 0) return 'read';
    return {
      state: known.state,
      events: [],
      version: known.version,
      position: known.position,
      replayed: false,
    };
  }
  try {
    return await appendDecided(store, decider, streamId, prepared, decided, known.state, expected);
  } catch (error) {
    if (error instanceof ConcurrencyError) return 'read';
    throw error;
  }
};

const appendDecided = async <State, C extends Command<string, unknown>, E extends AnyEvent>(
  store: EventStore,
  decider: Decider<State, C, E>,
  streamId: string,
  prepared: C,
  decided: readonly E[],
  state: State,
  expected: ExpectedVersion,
): Promise<HandleResult<State>> => {
  const result = await store.append(streamId, toNewEvents(store, prepared, streamId, decided), {
    expectedVersion: expected,
  });
  return {
    state: decided.reduce(decider.evolve, state),
    events: result.events,
    version: result.nextExpectedVersion,
    position: result.lastPosition,
    replayed: false,
  };
};

/**
 * Read, fold, decide, append: the one command path every handler goes through. With
 * `options.current`, the read is skipped while the caller's state holds (see HandleOptions).
 */
export const handleCommand = async <State, C extends Command<string, unknown>, E extends AnyEvent>(
  store: EventStore,
  decider: Decider<State, C, E>,
  streamId: string,
  command: C,
  options: HandleOptions<State, C> = {},
): Promise<HandleResult<State>> => {
  const known = await options.current?.(command);
  if (known) {
    const attempt = await onKnownState(store, decider, streamId, command, known, options);
    if (attempt !== 'read') return attempt;
  }
  const retries = options.expectedVersion === undefined ? (options.maxRetries ?? 3) : 0;
  for (let attempt = 0; ; attempt++) {
    const recorded = await store.readStream(streamId);
    const version = recorded.length - 1;
    // The stream's events are the decider's: the caller chose the decider by the stream.
    const events = recorded.map((e) => toDomainEvent<E>(e, options.upcasters ?? {}) as unknown as E);
    const state = events.reduce(decider.evolve, decider.initialState());
    const earlier = recorded.filter((e) => e.metadata.commandId === command.metadata.commandId);
    if (earlier.length > 0) {
      return {
        state,
        events: earlier,
        version,
        position: earlier[earlier.length - 1].globalPosition,
        replayed: true,
      };
    }
    const expected = options.expectedVersion ?? (version < 0 ? 'no_stream' : version);
    if (typeof expected === 'number' && expected !== version) {
      throw new ConcurrencyError(streamId, expected, version < 0 ? 'no_stream' : version);
    }
    const prepared = options.prepare ? await options.prepare(command, state) : command;
    const decided = decider.decide(prepared, state);
    if (decided.length === 0) {
      const last = recorded[recorded.length - 1];
      return { state, events: [], version, position: last?.globalPosition ?? null, replayed: false };
    }
    try {
      return await appendDecided(store, decider, streamId, prepared, decided, state, expected);
    } catch (error) {
      if (!(error instanceof ConcurrencyError) || attempt >= retries) throw error;
    }
  }
};
