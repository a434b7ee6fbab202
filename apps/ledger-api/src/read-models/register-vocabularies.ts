import type { RulesetStamp } from '@credence/domain';
import type { CompiledRuleset } from '@credence/rules';
import { RequestValidationError } from '../http/problem';

/** Each register filter on an Annex I element, and the ruleset parameter that lists its values. */
const VOCABULARY_PARAMETERS = {
  typeOfAssessment: 'typesOfAssessment',
  formOfParticipation: 'formsOfParticipation',
  typeOfQualityAssurance: 'typesOfQualityAssurance',
  supervisionAndIdentityVerification: 'supervisionAndIdentityVerification',
} as const;

type VocabularyFilter = keyof typeof VOCABULARY_PARAMETERS;
export type RegisterVocabularies = Readonly<{
  ruleset: RulesetStamp;
  /** Per filter, the values the active ruleset lists; a filter whose parameter it lacks is left out. */
  vocabularies: Partial<Record<VocabularyFilter, readonly string[]>>;
}>;

const FILTERS = Object.keys(VOCABULARY_PARAMETERS) as VocabularyFilter[];

/** The Annex I vocabularies of `ruleset`: what the register's filters accept and the console offers. */
export const registerVocabularies = (ruleset: CompiledRuleset): RegisterVocabularies => {
  const vocabularies: Partial<Record<VocabularyFilter, readonly string[]>> = {};
  for (const filter of FILTERS) {
    const values = ruleset.parameters[VOCABULARY_PARAMETERS[filter]];
    if (Array.isArray(values)) vocabularies[filter] = values.map(String);
  }
  return { ruleset: ruleset.stamp, vocabularies };
};

/**
 * Refuses a filter value the active ruleset's vocabulary does not list (400 naming the field and
 * the values it takes), so a register query asks in the same terms the rules check specifications in.
 */
export const assertInVocabularies = (
  filter: Partial<Record<VocabularyFilter, string>>,
  { ruleset, vocabularies }: RegisterVocabularies,
): void => {
  const fields = FILTERS.flatMap((name) => {
    const value = filter[name];
    const allowed = vocabularies[name];
    if (value === undefined || !allowed || allowed.includes(value)) return [];
    return [
      {
        field: name,
        messages: [
          `${name} must be one of the values of ${ruleset.id}@${ruleset.version}: ${allowed.join(', ')}`,
        ],
      },
    ];
  });
  if (fields.length > 0) throw new RequestValidationError(fields);
};
