import {
  type ActivateRuleset,
  type CommandMetadata,
  EVENT_UPCASTERS,
  RULESETS_STREAM,
  rulesetsDecider,
  type ActiveRulesetState,
  type RulesetEvent,
} from '@credence/domain';
import { type ChangeMark, type EventStore, handleCommand, type HandleResult } from '@credence/event-store';
import { type CompiledRuleset, rulesetKey } from '@credence/rules';
import { credenceEvent } from './credence-event';
import { LedgerError, UnknownRulesetError } from './errors';

export class RulesetMismatchError extends LedgerError {
  constructor(key: string, recorded: string, loaded: string) {
    super(
      'ruleset.changed',
      `The active ruleset ${key} was recorded with hash ${recorded}, but the file now hashes to ${loaded}. ` +
        'A published ruleset version must not change; add a new version and activate it instead.',
    );
  }
}

/**
 * Which loaded ruleset decides commands: the last RulesetActivated on the `rulesets` stream. Read
 * incrementally on every command, so every API instance follows an activation made by another; the
 * read is skipped while the store vouches that the stream is unchanged since the last one.
 */
export class ActiveRuleset {
  private state: ActiveRulesetState = rulesetsDecider.initialState();
  private version = -1;
  private readAt: ChangeMark | undefined;

  constructor(
    private readonly store: EventStore,
    readonly registry: ReadonlyMap<string, CompiledRuleset>,
  ) {}

  find(id: string, version: string): CompiledRuleset {
    const ruleset = this.registry.get(rulesetKey(id, version));
    if (!ruleset) throw new UnknownRulesetError(id, version);
    return ruleset;
  }

  async current(): Promise<CompiledRuleset> {
    if (this.readAt === undefined || !this.store.unchangedSince(RULESETS_STREAM, this.readAt)) {
      const mark = this.store.changeMark();
      const fresh = await this.store.readStream(RULESETS_STREAM, { fromVersion: this.version + 1 });
      // A concurrent call may have folded these already while this one awaited its read.
      for (const event of fresh.filter((e) => e.streamVersion > this.version)) {
        // The rulesets stream holds only ruleset events.
        this.state = rulesetsDecider.evolve(this.state, credenceEvent(event) as RulesetEvent);
        this.version = event.streamVersion;
      }
      this.readAt = mark;
    }
    if (this.state.status === 'none')
      throw new LedgerError('ruleset.none-active', 'No ruleset has been activated');
    const ruleset = this.find(this.state.rulesetId, this.state.version);
    if (ruleset.hash !== this.state.hash) {
      throw new RulesetMismatchError(
        rulesetKey(this.state.rulesetId, this.state.version),
        this.state.hash,
        ruleset.hash,
      );
    }
    return ruleset;
  }

  /** Activation is not itself gated by a ruleset: it is what chooses the ruleset. */
  activate(
    id: string,
    version: string,
    reason: ActivateRuleset['data']['reason'],
    metadata: CommandMetadata,
  ): Promise<HandleResult<ActiveRulesetState>> {
    const { hash } = this.find(id, version);
    const command: ActivateRuleset = {
      type: 'ActivateRuleset',
      data: { rulesetId: id, version, hash, reason },
      metadata,
    };
    return handleCommand(this.store, rulesetsDecider, RULESETS_STREAM, command, {
      upcasters: EVENT_UPCASTERS,
    });
  }
}
