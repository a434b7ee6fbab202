import {
  complianceDecider,
  type CredenceCommand,
  type Finding,
  type RecordRefusal,
  streamId,
} from '@credence/domain';
import { deterministicEventId, DuplicateEventError, type EventStore } from '@credence/event-store';
import { type CompiledRuleset, type Facts, verdict } from '@credence/rules';
import type { ActiveRuleset } from './active-ruleset';
import { RefusalsRateLimitedError, RuleViolationError } from './errors';
import { RulesGate } from './ledger';
import type { RefusalLimiter } from './refusal-limit';

export type RuleOutcome = 'pass' | 'warn' | 'block';

/** Told every rule's outcome for every command checked, for metrics; the gate needs no metrics library. */
export interface RuleEvaluationObserver {
  evaluated(ruleset: string, ruleId: string, outcome: RuleOutcome): void;
}

/** Every rule that applies to the command: its finding's severity, or pass. */
const outcomes = (ruleset: CompiledRuleset, commandType: string, findings: readonly Finding[]) =>
  ruleset.rules
    .filter((rule) => rule.appliesTo.includes(commandType))
    .map((rule) => ({
      ruleId: rule.id,
      outcome: findings.find((f) => f.ruleId === rule.id)?.severity ?? ('pass' as RuleOutcome),
    }));

/**
 * Evaluates the active ruleset on every command. A block finding refuses the command and is recorded
 * as QualityCheckFailed on the issuer's compliance stream, so QA bodies see attempted non-compliance;
 * accepted commands carry the ruleset stamp and any warnings into their events' metadata.
 */
export class ActiveRulesetGate extends RulesGate {
  constructor(
    private readonly rulesets: ActiveRuleset,
    private readonly store: EventStore,
    private readonly observer?: RuleEvaluationObserver,
    /** Bounds the refusals recorded per principal; past it, 429 and nothing appended. */
    private readonly refusals?: RefusalLimiter,
  ) {
    super();
  }

  async check<C extends CredenceCommand>(command: C, targetStreamId: string, facts: Facts): Promise<C> {
    const ruleset = await this.rulesets.current();
    const findings = ruleset.evaluate(facts);
    for (const { ruleId, outcome } of this.observer ? outcomes(ruleset, command.type, findings) : []) {
      this.observer?.evaluated(`${ruleset.id}@${ruleset.version}`, ruleId, outcome);
    }
    const { blocked, warnings } = verdict(findings);
    if (blocked.length > 0) {
      const wait = this.refusals?.take(command.metadata.principal.id);
      if (wait !== undefined) throw new RefusalsRateLimitedError(wait);
      const issuerId = facts.command.issuerId;
      await this.recordRefusal({
        type: 'RecordRefusal',
        data: {
          issuerId,
          commandType: command.type,
          commandId: command.metadata.commandId,
          targetStreamId,
          ruleset: ruleset.stamp,
          findings: [...blocked, ...warnings],
        },
        metadata: { ...command.metadata, ruleset: ruleset.stamp },
      });
      throw new RuleViolationError(ruleset.stamp, blocked);
    }
    const metadata = {
      ...command.metadata,
      ruleset: ruleset.stamp,
      ...(warnings.length > 0 ? { findings: warnings } : {}),
    };
    return { ...command, metadata };
  }

  /** The ruleset that stamped it is still the active one: evaluating it again gives the same verdict. */
  override async stillStands(checked: CredenceCommand): Promise<boolean> {
    const stamped = checked.metadata.ruleset;
    if (stamped === undefined) return false;
    const { stamp } = await this.rulesets.current();
    return stamp.id === stamped.id && stamp.version === stamped.version && stamp.hash === stamped.hash;
  }

  /**
   * Appended without reading the stream (refusals never depend on earlier ones): the event id is
   * derived from the refused command, so a retry of it is recorded once.
   */
  private async recordRefusal(refusal: RecordRefusal): Promise<void> {
    const stream = streamId('compliance', refusal.data.issuerId || 'unattributed');
    const events = complianceDecider
      .decide(refusal, complianceDecider.initialState())
      .map((event, index) => ({
        eventId: deterministicEventId(refusal.metadata.commandId, stream, index),
        type: event.type,
        schemaVersion: this.store.schemaVersionOf(event.type),
        data: event.data,
        metadata: refusal.metadata,
      }));
    try {
      await this.store.append(stream, events, { expectedVersion: 'any' });
    } catch (error) {
      if (!(error instanceof DuplicateEventError)) throw error;
    }
  }
}
