import { criteriaFor, outcomeText } from './criteria';
import type { SpecificationInput } from './inputs';

/** EQF levels as published by the EU (Europass); the level is the last path segment. */
const EQF_LEVEL_URL = 'http://data.europa.eu/snb/eqf/';

/**
 * Workload and grade are results, described on the Achievement and reported in `result[]`. ECTS
 * is not `creditsAvailable` (OB 3.0 defines that as US credit hours), and a custom JSON-LD
 * context would make every issued credential depend on one more URL staying up, so the
 * workload uses OB's own ResultDescription with `ext:` result types, which the vocabulary allows.
 */
export const RESULT_IDS = { ects: 'ects', hours: 'workload-hours', grade: 'grade' } as const;
export const resultDescriptionId = (spec: SpecificationInput, key: keyof typeof RESULT_IDS) =>
  `${spec.url}#${RESULT_IDS[key]}`;

const resultDescriptions = (spec: SpecificationInput, hasGrade: boolean) => [
  ...(spec.notionalWorkload?.ects !== undefined
    ? [
        {
          id: resultDescriptionId(spec, 'ects'),
          type: ['ResultDescription'],
          name: 'ECTS credits (European Credit Transfer and Accumulation System)',
          resultType: 'ext:ECTSCredits',
        },
      ]
    : []),
  ...(spec.notionalWorkload?.hours !== undefined
    ? [
        {
          id: resultDescriptionId(spec, 'hours'),
          type: ['ResultDescription'],
          name: 'Notional learning hours',
          resultType: 'ext:NotionalWorkloadHours',
        },
      ]
    : []),
  ...(hasGrade
    ? [
        {
          id: resultDescriptionId(spec, 'grade'),
          type: ['ResultDescription'],
          name: 'Grade',
          resultType: 'Result',
        },
      ]
    : []),
];

const alignments = (spec: SpecificationInput) => [
  ...(spec.eqfLevel !== undefined
    ? [
        {
          type: ['Alignment'],
          targetName: `EQF level ${spec.eqfLevel}`,
          targetUrl: `${EQF_LEVEL_URL}${spec.eqfLevel}`,
          targetFramework: 'European Qualifications Framework',
          targetCode: String(spec.eqfLevel),
          targetType: 'ext:EQFLevel',
        },
      ]
    : []),
  ...(spec.learningOutcomes ?? []).flatMap((outcome) =>
    typeof outcome !== 'string' && outcome.escoUri
      ? [
          {
            type: ['Alignment'],
            targetName: outcomeText(outcome),
            targetUrl: outcome.escoUri,
            targetFramework: 'ESCO',
            targetType: 'ext:ESCOSkill',
          },
        ]
      : [],
  ),
];

/** The OB 3.0 Achievement for a specification. `derivedCriteria` is true when Credence wrote the criteria. */
export const buildAchievement = (spec: SpecificationInput, options: { hasGrade: boolean }) => {
  const criteria = criteriaFor(spec);
  const described = resultDescriptions(spec, options.hasGrade);
  const aligned = alignments(spec);
  return {
    derivedCriteria: criteria.derived,
    achievement: {
      id: spec.url,
      type: ['Achievement'],
      achievementType: 'MicroCredential',
      name: spec.title,
      // OB 3.0 requires a description; a specification without one is described by its title.
      description: spec.description ?? spec.title,
      criteria: { narrative: criteria.narrative },
      ...(spec.language ? { inLanguage: spec.language } : {}),
      ...(spec.image ? { image: { id: spec.image, type: 'Image' } } : {}),
      ...(spec.fieldOfStudy ? { fieldOfStudy: spec.fieldOfStudy } : {}),
      ...(aligned.length > 0 ? { alignment: aligned } : {}),
      ...(described.length > 0 ? { resultDescription: described } : {}),
    },
  };
};
