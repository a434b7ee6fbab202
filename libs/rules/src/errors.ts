/**
 * The rules engine's one error family. Everything it refuses is thrown as a `RulesError`:
 * - `RulesetError`: a ruleset file is not valid (names the file, the rule where there is one, the reason);
 * - `FactsError`: the application passed facts that do not match the declared fact types (a wiring bug).
 * A rule that does not hold is not an error: it is a `Finding`.
 */
export abstract class RulesError extends Error {}

export class RulesetError extends RulesError {
  constructor(
    readonly file: string,
    readonly reason: string,
    readonly ruleId?: string,
    /** 1-based line in the file, where it is known. */
    readonly line?: number,
  ) {
    const where = line === undefined ? file : `${file}:${line}`;
    super(`${where}${ruleId === undefined ? '' : ` rule ${ruleId}`}: ${reason}`);
    this.name = 'RulesetError';
  }
}

export class FactsError extends RulesError {
  constructor(
    /** Dotted path of the offending fact, e.g. `specification.eqfLevel`. */
    readonly path: string,
    readonly reason: string,
  ) {
    super(`Invalid fact ${path}: ${reason}`);
    this.name = 'FactsError';
  }
}
