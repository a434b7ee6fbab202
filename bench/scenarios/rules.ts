import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Bench } from 'tinybench';
import { type CommandType, loadRulesetDirectory } from '@credence/rules';
import { compileRule } from '../../libs/rules/src/compile-rule';
import { rulesetEnvironment } from '../../libs/rules/src/environment';
import { toActivation } from '../../libs/rules/src/facts-convert';
import { parseRuleset } from '../../libs/rules/src/parse';
import { baselineFacts } from '../../libs/rules/src/testing/baseline-facts';
import { atLeast, type Figure, measured } from '../harness/figure';
import type { Scenario, ScenarioContext } from '../harness/scenario';
import { perSecond } from '../harness/tinybench';

const SCENARIO = '6. Rule evaluation';
const RULES_DIR = join(__dirname, '..', '..', 'rules');
const KEY = 'eu-microcredentials@2022-r2';
const FILE = join(RULES_DIR, 'eu-microcredentials', '2022-r2.yaml');

/**
 * The baseline: the same CEL expressions, compiled the same way, run on facts converted once up
 * front. The gap to it is what the engine adds per evaluation (converting facts, making findings).
 */
const celAlone = (type: CommandType) => {
  const parsed = parseRuleset(readFileSync(FILE, 'utf8'), FILE);
  const { env, params } = rulesetEnvironment(parsed.document.parameters, FILE);
  const rules = parsed.document.rules
    .map((_, index) => compileRule(env, parsed, index))
    .filter((rule) => rule.appliesTo.includes(type));
  const activation = { ...toActivation(baselineFacts(type)), params };
  return () => {
    for (const rule of rules) if (!rule.when || rule.when(activation) === true) rule.assert(activation);
  };
};

const run = async (context: ScenarioContext): Promise<Figure[]> => {
  const ruleset = loadRulesetDirectory(RULES_DIR).get(KEY);
  if (!ruleset) throw new Error(`${KEY} is not in ${RULES_DIR}`);
  const figures: Figure[] = [];
  for (const type of ['IssueCredential', 'PublishSpecification'] as const) {
    const facts = baselineFacts(type);
    const time = context.sizes.rules.seconds * 1000;
    const bench = new Bench({ time, warmupTime: Math.min(500, time / 4) });
    bench.add('evaluate', () => void ruleset.evaluate(facts)).add('cel', celAlone(type));
    await bench.run();
    const rules = ruleset.rules.filter((rule) => rule.appliesTo.includes(type)).length;
    figures.push(
      measured({
        scenario: SCENARIO,
        figure: `${KEY}, ${type} (${rules} rules), evaluations/s`,
        value: perSecond(bench, 'evaluate'),
        unit: 'evals/s',
        baseline: { name: 'CEL alone, facts converted once', value: perSecond(bench, 'cel') },
        goal: atLeast(200_000, '/s'),
        conditions: {
          facts: `baselineFacts('${type}') from libs/rules/src/testing/baseline-facts.ts`,
          rulesApplying: rules,
          rulesetHash: ruleset.hash,
          harness: 'tinybench, one thread',
          seconds: context.sizes.rules.seconds,
        },
      }),
    );
  }
  return figures;
};

export const rulesScenario: Scenario = { ids: ['6'], title: SCENARIO, run };
