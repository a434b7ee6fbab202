import { Environment } from '@marcbachmann/cel-js';
import { FactsError } from './errors';
import type { Facts } from './facts';
import { loadRulesetFromString } from './load';
import { baselineFacts, NOW } from './testing/baseline-facts';
import { rulesetText, TITLE_RULE, type RuleText } from './testing/ruleset-text';
import { verdict } from './verdict';

const load = (rules: readonly RuleText[], parameters?: string) =>
  loadRulesetFromString(rulesetText(rules, parameters), 'test.yaml');

const ruleIds = (findings: readonly { ruleId: string }[]) => findings.map((finding) => finding.ruleId);

describe('CompiledRuleset.evaluate', () => {
  const ruleset = load([
    TITLE_RULE,
    { id: 'test.issue-only', appliesTo: 'IssueCredential', assert: 'false' },
    { id: 'test.high-level', when: 'specification.eqfLevel > 6', assert: 'false', severity: 'warn' },
    {
      id: 'test.both',
      appliesTo: 'PublishSpecification, IssueCredential',
      assert: 'specification.ects > 10.0',
    },
  ]);

  it('asserts only the rules whose appliesTo names the command', () => {
    expect(ruleIds(ruleset.evaluate(baselineFacts('PublishSpecification')))).toEqual(['test.both']);
    expect(ruleIds(ruleset.evaluate(baselineFacts('IssueCredential')))).toEqual([
      'test.issue-only',
      'test.both',
    ]);
    expect(ruleset.evaluate(baselineFacts('RevokeCredential'))).toEqual([]);
  });

  it('asserts a rule only when its precondition holds', () => {
    const facts = baselineFacts('PublishSpecification');
    facts.specification.eqfLevel = 7;
    expect(ruleIds(ruleset.evaluate(facts))).toEqual(['test.high-level', 'test.both']);
  });

  it('reports a finding with the rule id, severity, message and reference', () => {
    const facts = baselineFacts('PublishSpecification');
    facts.specification.title = '';
    expect(ruleset.evaluate(facts)[0]).toEqual({
      ruleId: 'test.title',
      severity: 'block',
      message: 'Rule test.title does not hold.',
      reference: 'Test reference test.title',
    });
  });

  it('reads parts the command does not involve as empty values', () => {
    const facts: Facts = {
      now: NOW,
      command: { type: 'PublishSpecification', issuerId: 'i', principalRole: 'issuer' },
    };
    expect(ruleIds(ruleset.evaluate(facts))).toEqual(['test.title', 'test.both']);
  });

  it('parses nothing at evaluation time: expressions are compiled once, at load', () => {
    const parse = jest.spyOn(Environment.prototype, 'parse');
    try {
      load([TITLE_RULE]);
      expect(parse).toHaveBeenCalledTimes(1);
      parse.mockClear();
      for (let i = 0; i < 50; i++) ruleset.evaluate(baselineFacts('IssueCredential'));
      expect(parse).not.toHaveBeenCalled();
    } finally {
      parse.mockRestore();
    }
  });
});

describe('an expression that fails at evaluation time', () => {
  const ruleset = load([
    { id: 'test.divide', assert: '100 / specification.eqfLevel > 1' },
    {
      id: 'test.regex',
      assert: 'specification.title.matches(specification.typeOfAssessment)',
      severity: 'warn',
    },
  ]);

  it('counts as not holding: a finding of the rule’s severity that says why', () => {
    const facts = baselineFacts('PublishSpecification');
    facts.specification.eqfLevel = 0;
    facts.specification.typeOfAssessment = '[';
    expect(ruleset.evaluate(facts)).toEqual([
      expect.objectContaining({
        ruleId: 'test.divide',
        severity: 'block',
        message: expect.stringMatching(
          /^Rule test.divide does not hold. \(the rule could not be evaluated: division by zero\)$/,
        ),
      }),
      expect.objectContaining({
        ruleId: 'test.regex',
        severity: 'warn',
        message: expect.stringContaining('could not be evaluated: Invalid regular expression'),
      }),
    ]);
  });
});

describe('facts of the wrong type', () => {
  const ruleset = load([TITLE_RULE]);

  it.each([
    [
      'a fractional EQF level',
      (f: ReturnType<typeof baselineFacts>) => void (f.specification.eqfLevel = 6.5),
      'specification.eqfLevel',
    ],
    [
      'a malformed instant',
      (f: ReturnType<typeof baselineFacts>) => void (f.assessments[0].assessedAt = 'yesterday'),
      'assessments[0].assessedAt',
    ],
    [
      'a status outside the vocabulary',
      (f: ReturnType<typeof baselineFacts>) =>
        void ((f.issuer.accreditations[0] as { status: string }).status = 'valid'),
      'issuer.accreditations[0].status',
    ],
    [
      'a list given as a string',
      (f: ReturnType<typeof baselineFacts>) =>
        void ((f.specification as { countries: unknown }).countries = 'BE'),
      'specification.countries',
    ],
    [
      'an unknown command type',
      (f: ReturnType<typeof baselineFacts>) => void ((f.command as { type: string }).type = 'IssueDiploma'),
      'command.type',
    ],
  ])('throw FactsError naming the fact: %s', (_, change, path) => {
    const facts = baselineFacts('PublishSpecification');
    change(facts);
    expect(() => ruleset.evaluate(facts)).toThrow(expect.objectContaining({ name: 'FactsError', path }));
  });

  it('throw FactsError when now is missing', () => {
    const facts = { command: { type: 'PublishSpecification' } } as unknown as Facts;
    expect(() => ruleset.evaluate(facts)).toThrow(FactsError);
  });
});

describe('parameters', () => {
  it('are typed from their values: whole numbers are int, others double, lists by their items', () => {
    const ruleset = load(
      [
        { id: 'test.int', assert: 'specification.eqfLevel <= params.maxLevel' },
        { id: 'test.double', assert: 'specification.ects >= params.minEcts' },
        { id: 'test.list', assert: 'specification.eqfLevel in params.levels' },
        { id: 'test.strings', assert: 'specification.formOfParticipation in params.forms' },
        { id: 'test.bool', assert: 'specification.stackable == params.stackable' },
      ],
      '  maxLevel: 7\n  minEcts: 2.5\n  levels: [5, 6]\n  forms: [online, blended]\n  stackable: true',
    );
    expect(ruleset.evaluate(baselineFacts('PublishSpecification'))).toEqual([]);
    const facts = baselineFacts('PublishSpecification');
    Object.assign(facts.specification, {
      eqfLevel: 8,
      ects: 2,
      formOfParticipation: 'onsite',
      stackable: false,
    });
    expect(ruleIds(ruleset.evaluate(facts))).toEqual([
      'test.int',
      'test.double',
      'test.list',
      'test.strings',
      'test.bool',
    ]);
  });
});

describe('verdict', () => {
  it('splits findings into those that block and those that warn', () => {
    const block = { ruleId: 'a', severity: 'block', message: 'a' } as const;
    const warn = { ruleId: 'b', severity: 'warn', message: 'b' } as const;
    expect(verdict([warn, block, warn])).toEqual({ blocked: [block], warnings: [warn, warn] });
    expect(verdict([])).toEqual({ blocked: [], warnings: [] });
  });
});
