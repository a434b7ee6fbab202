import { COMMAND_TYPES, type CredenceCommandType } from '@credence/domain';
import type { RecordedEvent } from '@credence/event-store';
import type { PastDecision } from '@credence/rules';
import { catalogueEntry, type CommandRequest, type RecordedData } from './catalogue/catalogue';
import type { Folding, StreamRef } from './catalogue/related';
import { credenceEvent } from './credence-event';
import { resolveCommand } from './ledger';

/** The command type each decision's first event records, from the catalogue. Refusals and activations are not decisions. */
const OPENED_BY: ReadonlyMap<string, CredenceCommandType> = new Map(
  COMMAND_TYPES.map((type) => [catalogueEntry(type).recordedAs, type]),
);

/**
 * Walks the log in order and rebuilds every past decision's command and facts as they stood just
 * before it, from the states of the streams it involved. Pure over the events; never writes.
 */
export class PastDecisions {
  private readonly states = new Map<string, unknown>();
  /** How each stream seen so far folds: learnt from the catalogue entry that targets it. */
  private readonly foldings = new Map<string, Folding<unknown>>();
  private readonly lastCommand = new Map<string, string>();

  private state<State>(ref: StreamRef<State>): State {
    return this.states.has(ref.streamId)
      ? (this.states.get(ref.streamId) as State)
      : ref.folding.initialState();
  }

  /** Feeds one event; returns the decision it opens, if it is the first event of one. */
  async next(recorded: RecordedEvent): Promise<PastDecision | undefined> {
    const event = credenceEvent(recorded);
    const type = OPENED_BY.get(event.type);
    const opens = type !== undefined && this.lastCommand.get(event.streamId) !== event.metadata.commandId;
    const decision = opens ? await this.decision(type, event) : undefined;
    const folding = this.foldings.get(event.streamId);
    if (folding)
      this.states.set(
        event.streamId,
        folding.evolve(this.state({ streamId: event.streamId, folding }), event as never),
      );
    this.lastCommand.set(event.streamId, event.metadata.commandId);
    return decision;
  }

  private async decision<T extends CredenceCommandType>(
    type: T,
    event: ReturnType<typeof credenceEvent>,
  ): Promise<PastDecision> {
    const entry = catalogueEntry(type);
    // The opening event of a T decision records the command's data, plus what `decide` derived
    // (`fromRecorded` maps what it names differently): asserted here, where the log is read.
    const recorded = event.data as RecordedData<T>;
    const data = { ...recorded, ...entry.fromRecorded?.(recorded) };
    const request = { type, data, metadata: event.metadata } as unknown as CommandRequest<T>;
    const { target, facts } = await resolveCommand(request, (ref) => this.state(ref));
    this.foldings.set(event.streamId, target.folding as Folding<unknown>);
    return {
      position: event.globalPosition,
      streamId: event.streamId,
      commandId: event.metadata.commandId,
      commandType: type,
      facts: facts(this.state(target)),
      originalFindings: event.metadata.findings ?? [],
    };
  }
}
