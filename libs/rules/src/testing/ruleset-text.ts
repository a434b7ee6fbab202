/** Small ruleset texts for engine tests: a valid header and rules built from a few fields. */

export type RuleText = Readonly<{
  id: string;
  assert: string;
  appliesTo?: string;
  severity?: 'block' | 'warn';
  when?: string;
  extra?: string;
}>;

export const ruleText = ({
  id,
  assert,
  appliesTo = 'PublishSpecification',
  severity = 'block',
  when,
  extra,
}: RuleText) =>
  [
    `  - id: ${id}`,
    `    title: Rule ${id}`,
    `    appliesTo: [${appliesTo}]`,
    `    severity: ${severity}`,
    ...(when === undefined ? [] : [`    when: ${JSON.stringify(when)}`]),
    `    assert: ${JSON.stringify(assert)}`,
    `    message: Rule ${id} does not hold.`,
    `    reference: Test reference ${id}`,
    ...(extra === undefined ? [] : [`    ${extra}`]),
  ].join('\n');

export const rulesetText = (rules: readonly RuleText[], parameters = '  maxDays: 10\n  levels: [6, 7]') =>
  `id: test-rules
version: '1'
title: Test rules
source: Written for the engine's tests
parameters:
${parameters}
rules:
${rules.map(ruleText).join('\n')}
`;

export const TITLE_RULE: RuleText = { id: 'test.title', assert: 'specification.title.trim() != ""' };
