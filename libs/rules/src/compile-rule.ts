import type { Environment } from '@marcbachmann/cel-js';
import { type CredenceCommandType as CommandType, isCommandType } from '@credence/domain';
import { RulesetError } from './errors';
import type { ParsedRuleset, RuleDocument } from './parse';

/** A CEL expression parsed and type-checked once; called with an activation per evaluation. */
export type CompiledExpression = (activation: Record<string, unknown>) => unknown;

export type CompiledRule = Readonly<{
  definition: RuleDocument;
  appliesTo: readonly CommandType[];
  when?: CompiledExpression;
  assert: CompiledExpression;
}>;

const UNKNOWN_REFERENCE = /^(Unknown variable|No such key|Unknown type)/;

const compileExpression = (
  env: Environment,
  parsed: ParsedRuleset,
  index: number,
  field: 'when' | 'assert',
): CompiledExpression => {
  const rule = parsed.document.rules[index];
  const source = rule[field] as string;
  const fail = (reason: string) => {
    throw new RulesetError(
      parsed.file,
      `${field}: ${reason}`,
      rule.id,
      parsed.lineOf(['rules', index, field]),
    );
  };
  let expression: ReturnType<Environment['parse']> | undefined;
  try {
    expression = env.parse(source);
  } catch (error) {
    return fail(`CEL syntax error: ${(error as Error).message}`);
  }
  const checked = expression.check();
  if (!checked.valid) {
    const summary = checked.error?.summary ?? '';
    const kind = UNKNOWN_REFERENCE.test(summary) ? 'unknown fact or field' : 'type error';
    return fail(`${kind}: ${checked.error?.message ?? 'invalid expression'}`);
  }
  if (checked.type !== 'bool') return fail(`must be a boolean expression, but is of type ${checked.type}`);
  return expression;
};

/** Checks one rule against the environment: known command types, boolean well-typed expressions. */
export const compileRule = (env: Environment, parsed: ParsedRuleset, index: number): CompiledRule => {
  const definition = parsed.document.rules[index];
  const unknown = definition.appliesTo.findIndex((type) => !isCommandType(type));
  if (unknown >= 0) {
    const line = parsed.lineOf(['rules', index, 'appliesTo', unknown]);
    const reason = `appliesTo: '${definition.appliesTo[unknown]}' is not a known command type`;
    throw new RulesetError(parsed.file, reason, definition.id, line);
  }
  return {
    definition,
    appliesTo: definition.appliesTo as CommandType[],
    when: definition.when === undefined ? undefined : compileExpression(env, parsed, index, 'when'),
    assert: compileExpression(env, parsed, index, 'assert'),
  };
};
