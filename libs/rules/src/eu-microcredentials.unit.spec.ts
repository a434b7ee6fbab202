import { join } from 'node:path';
import type { Finding } from '@credence/domain';
import { COMMAND_TYPES } from '@credence/domain';
import { loadRuleset } from './load';
import type { CompiledRuleset } from './ruleset';
import { baselineFacts } from './testing/baseline-facts';
import { EU_RULE_CASES, type Example, type RuleCase, type Version } from './testing/eu-rule-cases';

const RULES_DIR = join(__dirname, '../../../rules/eu-microcredentials');
const VERSIONS: readonly Version[] = ['2022', '2026'];
/**
 * The current revision of each edition, which the rule cases describe. The first published files
 * (2022.yaml, 2026.yaml) stay as they were for the decisions recorded under them (published.unit.spec.ts).
 */
const rulesets = Object.fromEntries(
  VERSIONS.map((version) => [version, loadRuleset(join(RULES_DIR, `${version}-r2.yaml`))]),
) as Record<Version, CompiledRuleset>;

const BASELINE: Example = { name: 'baseline', change: () => undefined };

const findingsFor = (ruleset: CompiledRuleset, ruleCase: RuleCase, example: Example): Finding[] => {
  const facts = baselineFacts(ruleCase.command);
  example.change(facts);
  return ruleset.evaluate(facts).filter((finding) => finding.ruleId === ruleCase.rule);
};

const severityIn = (ruleCase: RuleCase, version: Version) =>
  typeof ruleCase.severity === 'string' ? ruleCase.severity : ruleCase.severity[version];

describe.each(VERSIONS)('eu-microcredentials@%s', (version) => {
  const ruleset = rulesets[version];

  it('accepts the baseline facts of every command type without a finding', () => {
    for (const type of COMMAND_TYPES)
      expect([type, ruleset.evaluate(baselineFacts(type))]).toEqual([type, []]);
  });

  it('has a table of examples for every one of its rules', () => {
    const covered = new Set(EU_RULE_CASES.map((ruleCase) => ruleCase.rule));
    expect(ruleset.rules.map((rule) => rule.id).filter((id) => !covered.has(id))).toEqual([]);
  });

  const cases = EU_RULE_CASES.filter((ruleCase) => ruleset.rules.some((rule) => rule.id === ruleCase.rule));
  describe.each(cases.map((ruleCase) => [`${ruleCase.rule} on ${ruleCase.command}`, ruleCase] as const))(
    '%s',
    (_, ruleCase) => {
      const applicable = (examples: readonly Example[]) =>
        examples.filter((example) => example.only === undefined || example.only === version);

      it.each([BASELINE, ...applicable(ruleCase.passes)])(`${ruleCase.rule} passes: $name`, (example) => {
        expect(findingsFor(ruleset, ruleCase, example)).toEqual([]);
      });

      it.each(applicable(ruleCase.fails))(`${ruleCase.rule} fails: $name`, (example) => {
        const rule = ruleset.rules.find((r) => r.id === ruleCase.rule);
        expect(findingsFor(ruleset, ruleCase, example)).toEqual([
          {
            ruleId: ruleCase.rule,
            severity: severityIn(ruleCase, version),
            message: rule?.message,
            reference: rule?.reference,
          },
        ]);
      });
    },
  );
});

describe('the EU example table', () => {
  it('names only rules that exist in a shipped version', () => {
    const known = new Set(VERSIONS.flatMap((version) => rulesets[version].rules.map((rule) => rule.id)));
    expect(EU_RULE_CASES.map((ruleCase) => ruleCase.rule).filter((id) => !known.has(id))).toEqual([]);
  });

  it('2026 is the stricter revision: same rule ids plus new ones, different hash', () => {
    const ids = (version: Version) => rulesets[version].rules.map((rule) => rule.id);
    expect(ids('2026')).toEqual(expect.arrayContaining(ids('2022')));
    expect(ids('2026')).toContain('annex2.quality.accreditation-at-publication');
    expect(rulesets['2026'].parameters.maxAssessmentAgeDays).toBeLessThan(
      rulesets['2022'].parameters.maxAssessmentAgeDays as number,
    );
    expect(rulesets['2026'].hash).not.toBe(rulesets['2022'].hash);
  });
  it('2026 says it is a stricter QA-body profile built on the 2022 Recommendation, not a revision (finding 8)', () => {
    expect(rulesets['2026'].title).toMatch(/profile/i);
    expect(rulesets['2026'].title).not.toMatch(/revision/i);
    expect(rulesets['2026'].source).toMatch(/2022\/C 243\/02/);
    expect(rulesets['2026'].source).toMatch(/profile/i);
  });
  it.each(['annex2.assessment.recent', 'annex1.identity-verification'])(
    '2026 %s: a profile choice, and its reference says so (finding 8)',
    (id) => expect(rulesets['2026'].rules.find((r) => r.id === id)?.reference).toMatch(/profile choice/i),
  );
  it('has no rule that cannot fail: the date of issuing is the command time (finding 8)', () =>
    expect(rulesets['2022'].rules.map((r) => r.id)).not.toContain('annex1.date-of-issue'));
});
