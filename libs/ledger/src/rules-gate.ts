import { type Command, EVENT_SCHEMA_VERSIONS, streamId } from '@credence/domain';
import { deterministicEventId, DuplicateEventError, type EventStore } from '@credence/event-store';
import { verdict } from '@credence/rules';
import type { ActiveRuleset } from './active-ruleset';
import { RuleViolationError } from './errors';
import { factsFor } from './facts';
import { RulesGate } from './ledger';

/**
 * Evaluates the active ruleset on every command. A block finding refuses the command and is recorded
 * as QualityCheckFailed on the issuer's compliance stream, so QA bodies see attempted non-compliance;
 * accepted commands carry the ruleset stamp and any warnings into their events' metadata.
 */
export class RulesetGate extends RulesGate {
  constructor(
    private readonly rulesets: ActiveRuleset,
    private readonly store: EventStore,
  ) {
    super();
  }

  async check<C extends Command<string, unknown>>(command: C, targetStreamId: string, state: unknown): Promise<C> {
    const ruleset = await this.rulesets.current();
    const facts = factsFor(command, state);
    const { blocked, warnings } = verdict(ruleset.evaluate(facts));
    if (blocked.length > 0) {
      await this.recordRefusal(command, targetStreamId, facts.command.issuerId, ruleset.stamp, [...blocked, ...warnings]);
      throw new RuleViolationError(ruleset.stamp, blocked);
    }
    const metadata = { ...command.metadata, ruleset: ruleset.stamp, ...(warnings.length > 0 ? { findings: warnings } : {}) };
    return { ...command, metadata };
  }

  private async recordRefusal(
    command: Command<string, unknown>,
    targetStreamId: string,
    issuerId: string,
    ruleset: RuleViolationError['ruleset'],
    findings: RuleViolationError['findings'],
  ): Promise<void> {
    const stream = streamId('compliance', issuerId || 'unattributed');
    const data = { issuerId, commandType: command.type, commandId: command.metadata.commandId, targetStreamId, ruleset, findings };
    const event = {
      // Same id on a retry of the same refused command: recorded once.
      eventId: deterministicEventId(command.metadata.commandId, stream, 0),
      type: 'QualityCheckFailed',
      schemaVersion: EVENT_SCHEMA_VERSIONS.QualityCheckFailed,
      data,
      metadata: { ...command.metadata, ruleset },
    };
    try {
      await this.store.append(stream, [event], { expectedVersion: 'any' });
    } catch (error) {
      if (!(error instanceof DuplicateEventError)) throw error;
    }
  }
}
