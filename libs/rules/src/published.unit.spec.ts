import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadRulesetDirectory } from './load';

const RULES = join(__dirname, '../../../rules');
/** Every version ever published, with its hash: the hashes ledgers recorded their decisions under. */
const PUBLISHED = JSON.parse(readFileSync(join(RULES, 'published.json'), 'utf8')) as Record<string, string>;

/**
 * A published version is never edited (rules/README.md): its hash is in every ledger that activated
 * it, and ActiveRuleset refuses to run a ruleset whose file no longer hashes as recorded. Change a
 * benchmark by adding a version, and add that version's hash to rules/published.json.
 */
describe('published rulesets are immutable', () => {
  const registry = loadRulesetDirectory(RULES);

  it.each(Object.entries(PUBLISHED))('%s still loads with its published hash', (key, hash) => {
    expect(registry.get(key)?.hash).toBe(hash);
  });

  it('lists every shipped version in rules/published.json', () => {
    expect([...registry.keys()].sort()).toEqual(Object.keys(PUBLISHED).sort());
  });
});
