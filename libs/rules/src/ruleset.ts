import type { Finding, RulesetStamp } from '@credence/domain';
import { compileRule, type CompiledExpression, type CompiledRule } from './compile-rule';
import { rulesetEnvironment } from './environment';
import { RulesetError } from './errors';
import { toActivation } from './facts-convert';
import type { Facts } from './facts';
import { rulesetHash } from './hash';
import type { ParameterValue, ParsedRuleset, RuleDocument } from './parse';

export type CompiledRuleset = Readonly<{
  id: string;
  version: string;
  title: string;
  source: string;
  /** See hash.ts: stable under reformatting, changed by any change of content. */
  hash: string;
  /** What decisions record: `{ id, version, hash }`. */
  stamp: RulesetStamp;
  parameters: Readonly<Record<string, ParameterValue>>;
  rules: readonly RuleDocument[];
  /**
   * The findings for one command: every rule whose `appliesTo` names `facts.command.type`, whose
   * `when` holds and whose `assert` does not. A rule whose expression fails at evaluation time
   * (division by zero, a bad regular expression…) counts as not holding: it yields a finding of the
   * rule's own severity whose message says why. Facts of the wrong type throw `FactsError`.
   */
  evaluate: (facts: Facts) => Finding[];
}>;

const holds = (expression: CompiledExpression, activation: Record<string, unknown>): boolean =>
  expression(activation) === true;

const findingOf = (rule: RuleDocument, failure?: unknown): Finding => {
  const reason = (failure as { summary?: string; message?: string } | undefined)?.summary ?? String(failure);
  return {
    ruleId: rule.id,
    severity: rule.severity,
    message:
      failure === undefined ? rule.message : `${rule.message} (the rule could not be evaluated: ${reason})`,
    reference: rule.reference,
  };
};

const check = (rule: CompiledRule, activation: Record<string, unknown>): Finding | undefined => {
  try {
    if (rule.when && !holds(rule.when, activation)) return undefined;
    return holds(rule.assert, activation) ? undefined : findingOf(rule.definition);
  } catch (failure) {
    return findingOf(rule.definition, failure);
  }
};

const indexByCommand = (rules: readonly CompiledRule[]): ReadonlyMap<string, readonly CompiledRule[]> => {
  const index = new Map<string, CompiledRule[]>();
  for (const rule of rules)
    for (const type of rule.appliesTo) index.set(type, [...(index.get(type) ?? []), rule]);
  return index;
};

const assertUniqueIds = (parsed: ParsedRuleset): void => {
  const seen = new Set<string>();
  parsed.document.rules.forEach((rule, index) => {
    if (seen.has(rule.id)) {
      throw new RulesetError(
        parsed.file,
        'duplicate rule id',
        rule.id,
        parsed.lineOf(['rules', index, 'id']),
      );
    }
    seen.add(rule.id);
  });
};

/** Compiles every expression once; `evaluate` then only converts facts and runs them. */
export const compileRuleset = (parsed: ParsedRuleset): CompiledRuleset => {
  const { document, file } = parsed;
  assertUniqueIds(parsed);
  const { env, params } = rulesetEnvironment(document.parameters, file);
  const compiled = document.rules.map((_, index) => compileRule(env, parsed, index));
  const byCommand = indexByCommand(compiled);
  const version = String(document.version);
  // `version: 2022` and `version: '2022'` name the same version, so they hash the same.
  const hash = rulesetHash({ ...document, version });
  return {
    id: document.id,
    version,
    title: document.title,
    source: document.source,
    hash,
    stamp: { id: document.id, version, hash },
    parameters: document.parameters ?? {},
    rules: document.rules,
    evaluate: (facts) => {
      const rules = byCommand.get(facts.command?.type) ?? [];
      const activation = toActivation(facts);
      // Added to the converted facts rather than copied with them into a new object.
      activation.params = params;
      const findings: Finding[] = [];
      for (const rule of rules) {
        const finding = check(rule, activation);
        if (finding) findings.push(finding);
      }
      return findings;
    },
  };
};
