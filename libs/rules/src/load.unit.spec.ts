import { RulesetError } from './errors';
import { loadRuleset, loadRulesetFromString } from './load';
import { rulesetText, TITLE_RULE, type RuleText } from './testing/ruleset-text';

const FILE = 'rules/test-rules/1.yaml';

const loadError = (text: string): RulesetError => {
  try {
    loadRulesetFromString(text, FILE);
  } catch (error) {
    if (error instanceof RulesetError) return error;
    throw error;
  }
  throw new Error('the ruleset loaded');
};

const withSecondRule = (rule: RuleText) => rulesetText([TITLE_RULE, rule]);

describe('loadRulesetFromString', () => {
  it('loads a valid ruleset and reports what it is', () => {
    const ruleset = loadRulesetFromString(
      withSecondRule({ id: 'test.eqf', assert: 'specification.eqfLevel <= 8' }),
      FILE,
    );
    expect(ruleset).toMatchObject({ id: 'test-rules', version: '1', title: 'Test rules' });
    expect(ruleset.rules.map((rule) => rule.id)).toEqual(['test.title', 'test.eqf']);
    expect(ruleset.stamp).toEqual({ id: 'test-rules', version: '1', hash: ruleset.hash });
  });

  it('reads an unquoted numeric version as a string', () => {
    const ruleset = loadRulesetFromString(
      rulesetText([TITLE_RULE]).replace("version: '1'", 'version: 2022'),
      FILE,
    );
    expect(ruleset.version).toBe('2022');
  });

  const malformed: readonly (readonly [string, string, Partial<RulesetError>, RegExp])[] = [
    [
      'a YAML syntax error',
      withSecondRule({ id: 'test.broken', assert: 'true', extra: 'note: "unclosed' }),
      { ruleId: 'test.broken' },
      /YAML syntax error/,
    ],
    [
      'an unknown field in a rule',
      withSecondRule({ id: 'test.typo', assert: 'true', extra: 'asert: false' }),
      { ruleId: 'test.typo', line: 23 },
      /unknown field 'asert'/,
    ],
    [
      'a non-boolean expression',
      withSecondRule({ id: 'test.number', assert: 'specification.eqfLevel + 1' }),
      { ruleId: 'test.number', line: 20 },
      /assert: must be a boolean expression, but is of type int/,
    ],
    [
      'a non-boolean precondition',
      withSecondRule({ id: 'test.when', when: 'specification.title', assert: 'true' }),
      { ruleId: 'test.when', line: 20 },
      /when: must be a boolean expression, but is of type string/,
    ],
    [
      'a duplicate rule id',
      withSecondRule({ ...TITLE_RULE, assert: 'true' }),
      { ruleId: 'test.title', line: 16 },
      /duplicate rule id/,
    ],
    [
      'an unknown fact',
      withSecondRule({ id: 'test.unknown-fact', assert: 'diploma.title != ""' }),
      { ruleId: 'test.unknown-fact' },
      /unknown fact or field: Unknown variable: diploma/,
    ],
    [
      'an unknown field of a fact',
      withSecondRule({
        id: 'test.unknown-field',
        assert: 'specification.awardingBodies.all(b, b.name != "")',
      }),
      { ruleId: 'test.unknown-field' },
      /unknown fact or field: No such key: name/,
    ],
    [
      'an unknown parameter',
      withSecondRule({ id: 'test.unknown-param', assert: 'specification.eqfLevel <= params.maxLevel' }),
      { ruleId: 'test.unknown-param' },
      /unknown fact or field: No such key: maxLevel/,
    ],
    [
      'an ill-typed comparison',
      withSecondRule({ id: 'test.types', assert: 'specification.title == 1' }),
      { ruleId: 'test.types' },
      /type error: no such overload: string == int/,
    ],
    [
      'a CEL syntax error',
      withSecondRule({ id: 'test.syntax', assert: 'specification.title ==' }),
      { ruleId: 'test.syntax' },
      /assert: CEL syntax error/,
    ],
    [
      'an appliesTo that is not a command type',
      withSecondRule({
        id: 'test.applies',
        appliesTo: 'PublishSpecification, IssueCredentials',
        assert: 'true',
      }),
      { ruleId: 'test.applies', line: 18 },
      /appliesTo: 'IssueCredentials' is not a known command type/,
    ],
    [
      'an invalid severity',
      withSecondRule({ id: 'test.severity', assert: 'true' }).replace(
        'severity: block\n    assert: "true"',
        'severity: fatal\n    assert: "true"',
      ),
      { ruleId: 'test.severity' },
      /rules.1.severity must be one of block, warn/,
    ],
    [
      'a missing assert',
      withSecondRule({ id: 'test.no-assert', assert: 'true' }).replace('    assert: "true"\n', ''),
      { ruleId: 'test.no-assert' },
      /missing field 'assert' in rules.1/,
    ],
    [
      'an unknown top-level field',
      `${rulesetText([TITLE_RULE])}author: someone\n`,
      { ruleId: undefined, line: 16 },
      /unknown field 'author' in the ruleset/,
    ],
    [
      'a parameter list mixing types',
      rulesetText([TITLE_RULE], '  levels: [6, "seven"]'),
      { ruleId: undefined },
      /parameter 'levels' mixes value types/,
    ],
  ];

  it.each(malformed)('refuses %s, naming the file, the rule and the reason', (_, text, expected, reason) => {
    const error = loadError(text);
    expect(error).toMatchObject({ file: FILE, ...expected });
    expect(error.reason).toMatch(reason);
    expect(error.message).toContain(FILE);
    expect(error.message).toContain(expected.ruleId ? `rule ${expected.ruleId}:` : `${FILE}`);
  });

  it('gives the line of a YAML syntax error', () => {
    const text = rulesetText([TITLE_RULE]).replace('title: Test rules', 'title: [Test rules');
    expect(loadError(text).line).toBeGreaterThan(0);
  });
});

describe('loadRuleset', () => {
  it('names a file it cannot read', () => {
    expect(() => loadRuleset('rules/no-such/0.yaml')).toThrow(
      expect.objectContaining({
        file: 'rules/no-such/0.yaml',
        reason: expect.stringMatching(/cannot read.*ENOENT/),
      }),
    );
  });
});
