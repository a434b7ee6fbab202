import type { Finding, RulesetStamp } from '@credence/domain';
import { FactsError, RulesError } from './errors';
import type { Facts } from './facts';
import type { CompiledRuleset } from './ruleset';
import { verdict } from './verdict';

/** One past decision, with the facts the application reconstructed from the log as of then. */
export type PastDecision = Readonly<{
  position: string;
  streamId: string;
  commandId: string;
  commandType: string;
  facts: Facts;
  /** The findings recorded with the decision, to show what is new under the replayed ruleset. */
  originalFindings?: readonly Finding[];
}>;

export type ReplayedDecision = Readonly<{
  position: string;
  streamId: string;
  commandId: string;
  commandType: string;
  blocked: readonly Finding[];
  warnings: readonly Finding[];
  /** Rule ids found now but not among `originalFindings` (only when those were given). */
  newRuleIds?: readonly string[];
}>;

export type ReplayReport = Readonly<{
  ruleset: RulesetStamp;
  summary: Readonly<{ evaluated: number; refused: number; warned: number; invalid: number }>;
  /** Decisions the ruleset would refuse, in the order given. */
  refused: readonly ReplayedDecision[];
  /** Decisions it would accept with warnings. */
  warned: readonly ReplayedDecision[];
  /** Decisions whose facts could not be evaluated (e.g. a `FactsError`): a reconstruction bug to look at. */
  invalid: readonly Readonly<{ position: string; streamId: string; commandId: string; reason: string }>[];
  /** How many decisions each block rule would refuse. */
  refusalsByRule: Readonly<Record<string, number>>;
}>;

const replayOne = (decision: PastDecision, ruleset: CompiledRuleset): ReplayedDecision => {
  if (decision.facts.command?.type !== decision.commandType) {
    throw new FactsError(
      'command.type',
      `is ${decision.facts.command?.type}, but the decision is ${decision.commandType}`,
    );
  }
  const findings = ruleset.evaluate(decision.facts);
  const { blocked, warnings } = verdict(findings);
  const { position, streamId, commandId, commandType, originalFindings } = decision;
  const before = new Set(originalFindings?.map((finding) => finding.ruleId));
  const newRuleIds = originalFindings && findings.map((f) => f.ruleId).filter((id) => !before.has(id));
  return { position, streamId, commandId, commandType, blocked, warnings, ...(newRuleIds && { newRuleIds }) };
};

/**
 * Re-evaluates past decisions under `ruleset` and reports which it would refuse and why. Pure and
 * JSON-serialisable; walking the log and rebuilding each decision's facts is the application's job.
 */
export const replayDecisions = (
  decisions: Iterable<PastDecision>,
  ruleset: CompiledRuleset,
): ReplayReport => {
  const refused: ReplayedDecision[] = [];
  const warned: ReplayedDecision[] = [];
  const invalid: { position: string; streamId: string; commandId: string; reason: string }[] = [];
  const refusalsByRule: Record<string, number> = {};
  let evaluated = 0;
  for (const decision of decisions) {
    evaluated++;
    let replayed: ReplayedDecision;
    try {
      replayed = replayOne(decision, ruleset);
    } catch (error) {
      if (!(error instanceof RulesError)) throw error;
      const { position, streamId, commandId } = decision;
      invalid.push({ position, streamId, commandId, reason: error.message });
      continue;
    }
    if (replayed.blocked.length > 0) refused.push(replayed);
    else if (replayed.warnings.length > 0) warned.push(replayed);
    for (const ruleId of new Set(replayed.blocked.map((finding) => finding.ruleId))) {
      refusalsByRule[ruleId] = (refusalsByRule[ruleId] ?? 0) + 1;
    }
  }
  const summary = { evaluated, refused: refused.length, warned: warned.length, invalid: invalid.length };
  return { ruleset: ruleset.stamp, summary, refused, warned, invalid, refusalsByRule };
};
