import { readdirSync, readFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { RulesetError } from './errors';
import { parseRuleset } from './parse';
import { compileRuleset, type CompiledRuleset } from './ruleset';

/** Validates and compiles ruleset text; `fileName` is only used to name the file in errors. */
export const loadRulesetFromString = (text: string, fileName: string): CompiledRuleset =>
  compileRuleset(parseRuleset(text, fileName));

export const loadRuleset = (file: string): CompiledRuleset => {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new RulesetError(
      file,
      `cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  return loadRulesetFromString(text, file);
};

/** The registry key of a ruleset version. */
export const rulesetKey = (id: string, version: string): string => `${id}@${version}`;

const isYaml = (name: string) => ['.yaml', '.yml'].includes(extname(name));

/**
 * Loads every `<dir>/<id>/<version>.yaml`, keyed `id@version`. Any invalid file fails the whole
 * load, and so does a file whose `id`/`version` disagree with its path.
 */
export const loadRulesetDirectory = (dir: string): ReadonlyMap<string, CompiledRuleset> => {
  const registry = new Map<string, CompiledRuleset>();
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) {
      if (isYaml(entry.name)) throw new RulesetError(join(dir, entry.name), 'must be at <id>/<version>.yaml');
      continue;
    }
    for (const name of readdirSync(join(dir, entry.name)).filter(isYaml).sort()) {
      const file = join(dir, entry.name, name);
      const ruleset = loadRuleset(file);
      const version = basename(name, extname(name));
      if (ruleset.id !== entry.name || ruleset.version !== version) {
        const reason = `declares ${rulesetKey(ruleset.id, ruleset.version)} but is stored as ${rulesetKey(entry.name, version)}`;
        throw new RulesetError(file, reason);
      }
      registry.set(rulesetKey(ruleset.id, ruleset.version), ruleset);
    }
  }
  return registry;
};
