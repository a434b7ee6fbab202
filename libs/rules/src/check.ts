import { loadRuleset } from './load';

export type RulesetSummary = Readonly<{
  file: string;
  id: string;
  version: string;
  hash: string;
  rules: number;
}>;

/** What `credence rules check <file>` reports: the file loads, and what it is. Throws `RulesetError`. */
export const checkRulesetFile = (file: string): RulesetSummary => {
  const ruleset = loadRuleset(file);
  return { file, id: ruleset.id, version: ruleset.version, hash: ruleset.hash, rules: ruleset.rules.length };
};
