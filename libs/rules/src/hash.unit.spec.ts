import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadRulesetFromString } from './load';
import { rulesetText, TITLE_RULE } from './testing/ruleset-text';

const hashOf = (text: string) => loadRulesetFromString(text, 'test.yaml').hash;

const BLOCK_STYLE = rulesetText([TITLE_RULE]);

/** BLOCK_STYLE written differently: flow style, comments, key order, quoting, an unquoted version. */
const REFORMATTED = `# A comment the hash must ignore.
version: 1
id: test-rules   # trailing comment
source: "Written for the engine's tests"
title: 'Test rules'
parameters: { levels: [6, 7], maxDays: 10 }
rules:
  - { id: test.title, appliesTo: [PublishSpecification], title: "Rule test.title", severity: block,
      assert: 'specification.title.trim() != ""', message: "Rule test.title does not hold.",
      reference: "Test reference test.title" }
`;

describe('ruleset hash', () => {
  it('is a SHA-256 hex digest', () => {
    expect(hashOf(BLOCK_STYLE)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('does not change when the YAML is reformatted, reordered or commented', () => {
    expect(hashOf(REFORMATTED)).toBe(hashOf(BLOCK_STYLE));
  });

  it.each([
    ['a message', 'Rule test.title does not hold.', 'The title is missing.'],
    ['an expression', 'specification.title.trim() != \\"\\"', 'specification.title != \\"\\"'],
    ['a severity', 'severity: block', 'severity: warn'],
    ['a parameter', 'maxDays: 10', 'maxDays: 11'],
    ['the version', "version: '1'", "version: '2'"],
  ])('changes when %s changes', (_, from, to) => {
    const changed = BLOCK_STYLE.replace(from, to);
    expect(changed).not.toBe(BLOCK_STYLE);
    expect(hashOf(changed)).not.toBe(hashOf(BLOCK_STYLE));
  });

  it('is the same for a shipped file and its prettier-formatted or comment-stripped copy', () => {
    const text = readFileSync(join(__dirname, '../../../rules/eu-microcredentials/2022.yaml'), 'utf8');
    const stripped = text
      .split('\n')
      .filter((line) => !line.trimStart().startsWith('#'))
      .join('\n');
    expect(stripped).not.toBe(text);
    expect(hashOf(stripped)).toBe(hashOf(text));
  });
});
