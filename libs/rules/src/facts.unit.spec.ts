import { Environment } from '@marcbachmann/cel-js';
import { rulesetEnvironment } from './environment';
import type { FactType } from './fact-types';
import { FACT_TYPES } from './facts';
import { CEL_TIMESTAMP } from './facts-cel';
import { toActivation } from './facts-convert';
import { baselineFacts, NOW } from './testing/baseline-facts';

const { env } = rulesetEnvironment(undefined, 'facts.unit.spec');

/** Every leaf of the descriptor as a CEL expression reading it, with the CEL type it must have. */
const leaves = (type: FactType, expression: string, depth = 0): [string, string][] => {
  switch (type.kind) {
    case 'object':
      return Object.entries(type.fields).flatMap(([key, t]) => leaves(t, `${expression}.${key}`, depth));
    case 'list': {
      const item = `x${depth}`;
      return leaves(type.of, item, depth + 1).map(([inner, celType]) => [
        `${expression}.map(${item}, ${inner})`,
        `list<${celType}>`,
      ]);
    }
    case 'enum':
      return [[expression, 'string']];
    case 'timestamp':
      return [[expression, CEL_TIMESTAMP]];
    default:
      return [[expression, type.kind]];
  }
};

const topLevel = Object.entries(FACT_TYPES.fields).flatMap(([name, type]) => leaves(type, name));

describe('the CEL declarations of the facts', () => {
  it.each(topLevel)('type %s as %s', (expression, celType) => {
    expect(env.check(expression)).toMatchObject({ valid: true, type: celType });
  });

  it('declare exactly the descriptor’s parts, plus params and epoch', () => {
    const builtIn = new Set(new Environment().getDefinitions().variables.map((variable) => variable.name));
    const declared = env
      .getDefinitions()
      .variables.map((variable) => variable.name)
      .filter((name) => !builtIn.has(name));
    expect(declared.sort()).toEqual([...Object.keys(FACT_TYPES.fields), 'epoch', 'params'].sort());
  });

  it('refuse a field the descriptor does not have', () => {
    expect(env.check('learner.name == ""')).toMatchObject({ valid: false });
  });
});

describe('toActivation', () => {
  it('turns whole numbers into CEL ints, instants into Dates and keeps doubles as numbers', () => {
    const activation = toActivation(baselineFacts('IssueCredential')) as {
      now: Date;
      specification: { eqfLevel: unknown; ects: unknown };
      issuer: { accreditations: { eqfLevels: unknown[] }[] };
    };
    expect(activation.now).toEqual(new Date(NOW));
    expect(activation.specification.eqfLevel).toBe(6n);
    expect(activation.specification.ects).toBe(5);
    expect(activation.issuer.accreditations[0].eqfLevels).toEqual([5n, 6n, 7n]);
  });

  it('fills absent parts and fields with empty values, and reads "" instants as epoch', () => {
    const facts = baselineFacts('IssueCredential');
    const partial = {
      now: facts.now,
      command: facts.command,
      credential: { ...facts.credential, validUntil: '' },
    };
    const activation = toActivation(partial) as Record<string, Record<string, unknown>>;
    expect(activation.credential.validUntil).toEqual(new Date(0));
    expect(activation.learner).toEqual({ id: '', hasIdentity: false, identityType: '' });
    expect(activation.assessments).toEqual([]);
    expect(activation.specification).toMatchObject({
      eqfLevel: 0n,
      ects: 0,
      countries: [],
      stackable: false,
    });
  });

  it('drops fields the descriptor does not declare', () => {
    const facts = {
      ...baselineFacts('IssueCredential'),
      learner: { id: 'l', hasIdentity: true, identityType: 'x', name: 'Ann' },
    };
    expect((toActivation(facts) as { learner: object }).learner).toEqual({
      id: 'l',
      hasIdentity: true,
      identityType: 'x',
    });
  });
});
