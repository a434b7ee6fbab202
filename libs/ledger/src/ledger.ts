import {
  type CommandOfType,
  type CredenceCommand,
  type CredenceCommandType,
  DomainError,
  EVENT_UPCASTERS,
} from '@credence/domain';
import {
  ConcurrencyError,
  type EventStore,
  type ExpectedVersion,
  handleCommand,
  type HandleResult,
  type KnownState,
} from '@credence/event-store';
import type { Facts } from '@credence/rules';
import { catalogueEntry, type CommandRequest, type TargetState } from './catalogue/catalogue';
import { type Folding, resolveRelated, type StateReader, type StreamRef } from './catalogue/related';
import { issueReserving } from './issuance';
import { awardClaiming } from './stack-award';
import { reissueSuperseding } from './reissue';
import { credenceEvent } from './credence-event';
import { type CachedState, StateCache } from './state-cache';

/**
 * Checks a command against the active ruleset on the facts `decide` will see. Returns the command
 * stamped with the ruleset and its warnings, or records the refusal and throws RuleViolationError.
 */
export abstract class RulesGate {
  abstract check<C extends CredenceCommand>(command: C, targetStreamId: string, facts: Facts): Promise<C>;

  /**
   * Whether `checked`, a command this gate passed and stamped, would be stamped the same again on
   * the same facts: then it need not be evaluated again. A gate that cannot tell says no.
   */
  stillStands(_checked: CredenceCommand): Promise<boolean> {
    return Promise.resolve(false);
  }
}

/**
 * A command the gate already passed on `state` (issuance.ts checks before its reservations): the
 * target's append reuses it when it decides on that same state object, so the same facts.
 */
export type GateChecked<T extends CredenceCommandType> = Readonly<{
  state: unknown;
  command: CommandOfType<T>;
}>;

export type Loaded<State> = Readonly<{ state: State; version: number }>;

/** A request with its related states resolved: the domain command, its target and what the rules see. */
export type ResolvedCommand<T extends CredenceCommandType> = Readonly<{
  command: CommandOfType<T>;
  target: StreamRef<TargetState<T>>;
  facts: (state: TargetState<T>) => Facts;
}>;

/**
 * The request as the domain command it stands for: the catalogue's related refs read with `read`
 * into `data.context`. Live commands, the dry run and replay all come through here.
 */
export const resolveCommand = async <T extends CredenceCommandType>(
  request: CommandRequest<T>,
  read: StateReader,
): Promise<ResolvedCommand<T>> => {
  const entry = catalogueEntry<T>(request.type);
  const target = entry.target(request);
  const refs = entry.relatedThroughTarget
    ? entry.relatedThroughTarget(request, await read(target))
    : entry.related?.(request);
  const related = refs ? { context: await resolveRelated(refs, read) } : {};
  // The request is the command without `context`, and the entry's refs resolve to exactly that
  // context; TypeScript cannot follow that through the generic T, so it is asserted once, here.
  const command = { ...request, data: { ...request.data, ...related } } as unknown as CommandOfType<T>;
  return { command, target, facts: (state) => entry.facts(command, state) };
};

/**
 * Who may act comes before any rule: the decider's refusals of who may act (forbidden) and of
 * unknown targets (not-found) are thrown before the rules are evaluated, by the real command and by
 * the dry run alike. So another issuer's object is as unknown as a missing one, a dry run learns
 * nothing the real call would not tell, and no refusal is recorded for an actor who may not act at
 * all. The decider's other refusals (conflict, invalid) stay after the rules, as outcomes.
 */
const authorizeFirst = <T extends CredenceCommandType>(
  command: CommandOfType<T>,
  state: TargetState<T>,
): void => {
  try {
    catalogueEntry<T>(command.type as T).decider.decide(command, state);
  } catch (error) {
    if (error instanceof DomainError && (error.kind === 'forbidden' || error.kind === 'not-found'))
      throw error;
  }
};

/** Commands that append to other streams (reservations, claims) before their own target. */
const MULTI_STREAM: ReadonlySet<CredenceCommandType> = new Set(['IssueCredential', 'AwardStackedCredential']);
/** The application service every command goes through: load related state, rules gate, decide, append. */
export class Ledger {
  constructor(
    readonly store: EventStore,
    private readonly gate: RulesGate,
    private readonly cache = new StateCache(),
  ) {}

  /**
   * The stream's current state: the cached fold, as it stands when the store vouches that nothing
   * was appended to the stream since it was read, else plus whatever was appended since, by anyone.
   */
  async load<State>(folding: Folding<State>, streamId: string): Promise<Loaded<State>> {
    const { state, version } = await this.loadEntry(folding, streamId);
    return { state, version };
  }

  /** As `load`, with what the cache keeps beside the state. */
  private async loadEntry<State>(folding: Folding<State>, streamId: string): Promise<CachedState<State>> {
    const hit = this.cache.get(streamId) as CachedState<State> | undefined;
    if (hit?.mark !== undefined && this.store.unchangedSince(streamId, hit.mark)) return hit;
    // An entry without its command ids is read again from the start, which finds them.
    const cached = hit?.commandIds ? hit : undefined;
    // Taken before the read: whatever commits after it moves the store past the mark.
    const mark = this.store.changeMark();
    const from = cached ? cached.version + 1 : 0;
    const events = await this.store.readStream(streamId, { fromVersion: from });
    // Added to in place: the set may run ahead of an older entry's version, never behind (see CachedState).
    const commandIds = cached?.commandIds ?? new Set<string>();
    for (const event of events) commandIds.add(event.metadata.commandId);
    if (cached && events.length === 0) {
      const entry = { ...cached, mark };
      this.cache.set(streamId, entry);
      return entry;
    }
    // The stream's events are its decider's events: the category in its id picked the decider.
    const state = events
      .map(credenceEvent)
      .reduce((s, e) => folding.evolve(s, e as never), cached ? cached.state : folding.initialState());
    const version = from + events.length - 1;
    const position = events.at(-1)?.globalPosition ?? cached?.position ?? null;
    const entry = { state, version, position, mark, commandIds };
    // A stream not there yet is worth keeping only with a mark: an issuance asks for its new
    // credential's stream several times before appending to it.
    if (version >= 0 || mark !== undefined) this.cache.set(streamId, entry);
    return entry;
  }

  /**
   * Keeps the state an append of this process derived, when the store can vouch for it as of that
   * append: the next load of the stream then reads nothing back.
   */
  private remember<State>(streamId: string, result: HandleResult<State>): HandleResult<State> {
    if (result.replayed || result.events.length === 0) return result;
    const mark = this.store.markOfAppend(streamId, result.version);
    if (mark === undefined) return result;
    // The command ids of the stream before this append are known when the entry this append was
    // decided on (or a later one) had them, or when the stream is new.
    const before = result.version - result.events.length;
    const cached = this.cache.get(streamId);
    const commandIds =
      cached?.commandIds && cached.version >= before
        ? cached.commandIds
        : before < 0
          ? new Set<string>()
          : undefined;
    for (const event of result.events) commandIds?.add(event.metadata.commandId);
    const { state, version, position } = result;
    this.cache.set(streamId, { state, version, position, mark, commandIds });
    return result;
  }

  /**
   * The target's state for handleCommand to decide on without reading the stream: the state `load`
   * gives, when every command id of the stream is known and this command's is not among them (a
   * replay takes handleCommand's read, which finds the earlier events).
   *
   * A stream that is new but for a rare collision (the catalogue's `targetUsuallyNew`) is taken to be absent unless
   * the cache knows it; its append then expects no stream, and if there is one after all,
   * handleCommand reads it and decides again. Deciding first on the absent state changes no answer:
   * a claim's rules see the command and its issuer, not the index's state, and the decider refuses
   * on it only what it refuses on any state (who may act, an index out of range). A retried claim
   * (its own events already stored) is answered by the store's idempotent append with those
   * events, as a retry racing its first run always was.
   */
  private async knownState<State>(
    folding: Folding<State>,
    streamId: string,
    commandId: string,
    usuallyNew: boolean,
  ): Promise<KnownState<State> | undefined> {
    if (usuallyNew && this.cache.get(streamId) === undefined)
      return { state: folding.initialState(), version: -1, position: null };
    const entry = await this.loadEntry(folding, streamId);
    return entry.commandIds && !entry.commandIds.has(commandId) ? entry : undefined;
  }

  /**
   * The stream folded only up to the first state where `reached` holds (else to its end): a past
   * version, e.g. the specification a credential was issued under. Not cached.
   */
  async loadUntil<State>(
    folding: Folding<State>,
    streamId: string,
    reached: (state: State) => boolean,
  ): Promise<State> {
    let state = folding.initialState();
    for (const event of await this.store.readStream(streamId)) {
      state = folding.evolve(state, credenceEvent(event) as never);
      if (reached(state)) break;
    }
    return state;
  }

  /** Reads related streams for `resolveCommand`. */
  private readonly read: StateReader = async (ref) => (await this.load(ref.folding, ref.streamId)).state;

  /** The domain command a request stands for, with its related states loaded now. */
  resolve<T extends CredenceCommandType>(request: CommandRequest<T>): Promise<ResolvedCommand<T>> {
    return resolveCommand(request, this.read);
  }

  /** The facts the rules would see for `request` now: a dry run, which appends nothing. */
  async factsFor<T extends CredenceCommandType>(request: CommandRequest<T>): Promise<Facts> {
    const resolved = await this.resolve(request);
    const { state } = await this.load(resolved.target.folding, resolved.target.streamId);
    authorizeFirst(resolved.command, state);
    return resolved.facts(state);
  }

  /** The command stamped by the rules gate on `state`, or the gate's refusal. */
  gateCheck<T extends CredenceCommandType>(
    { command, target, facts }: ResolvedCommand<T>,
    state: TargetState<T>,
  ): Promise<CommandOfType<T>> {
    return this.gate.check(command, target.streamId, facts(state));
  }

  /** `expectedVersion` against the target stream now, unless this very command is already recorded (a replay). */
  private async checkPrecondition(
    { target, command }: ResolvedCommand<CredenceCommandType>,
    expected: ExpectedVersion | undefined,
  ): Promise<void> {
    if (typeof expected !== 'number' && expected !== 'no_stream') return;
    const recorded = await this.store.readStream(target.streamId);
    const version = recorded.length - 1;
    if (expected === (version < 0 ? 'no_stream' : version)) return;
    if (recorded.some((e) => e.metadata.commandId === command.metadata.commandId)) return;
    throw new ConcurrencyError(target.streamId, expected, version < 0 ? 'no_stream' : version);
  }

  /**
   * Decides `request` on its target stream and appends the events, after the rules gate. An
   * issuance first reserves the assessments it cites (see issuance.ts), an award its components
   * on the pathway (see stack-award.ts); a re-issue takes the assessments over from the credential
   * it corrects, and revokes that one, after its append (see reissue.ts).
   */
  async handle<T extends CredenceCommandType>(
    request: CommandRequest<T>,
    options: { expectedVersion?: ExpectedVersion } = {},
  ): Promise<HandleResult<TargetState<T>>> {
    const resolved = await this.resolve(request);
    const { decider, targetUsuallyNew } = catalogueEntry<T>(request.type);
    const { streamId, folding } = resolved.target;
    const usuallyNew = targetUsuallyNew === true;
    const append = async (checked?: GateChecked<T>) =>
      this.remember(
        streamId,
        await handleCommand(this.store, decider, streamId, resolved.command, {
          expectedVersion: options.expectedVersion,
          current: (command) => this.knownState(folding, streamId, command.metadata.commandId, usuallyNew),
          prepare: async (_, state) => {
            authorizeFirst(resolved.command, state);
            // The facts are the command's and the state's: the same state object, the same facts.
            if (checked?.state === state && (await this.gate.stillStands(checked.command)))
              return checked.command;
            return this.gateCheck(resolved, state);
          },
          upcasters: EVENT_UPCASTERS,
        }),
      );
    // The commands below append to other streams before their target: a stale If-Match must be
    // refused before those appends, as handleCommand refuses it before its own.
    if (MULTI_STREAM.has(request.type)) await this.checkPrecondition(resolved, options.expectedVersion);
    if (request.type === 'AwardStackedCredential') {
      // Narrowed by the type check, which TypeScript cannot carry through the generic T.
      const award = request as CommandRequest<'AwardStackedCredential'>;
      const resolvedAward = resolved as unknown as ResolvedCommand<'AwardStackedCredential'>;
      const result = await awardClaiming(this, award, resolvedAward, append as never);
      return result as unknown as HandleResult<TargetState<T>>;
    }
    if (request.type !== 'IssueCredential') return append();
    // Narrowed by the type check above, which TypeScript cannot carry through the generic T.
    const issue = request as CommandRequest<'IssueCredential'>;
    if (issue.data.supersedes !== undefined) {
      const resolvedIssue = resolved as unknown as ResolvedCommand<'IssueCredential'>;
      const reissued = await reissueSuperseding(this, issue, resolvedIssue, append as never);
      return reissued as unknown as HandleResult<TargetState<T>>;
    }
    const result = await issueReserving(
      this,
      issue,
      resolved as unknown as ResolvedCommand<'IssueCredential'>,
      append as never,
    );
    return result as unknown as HandleResult<TargetState<T>>;
  }
}
