import type { LearningOutcome, SpecificationInput } from './inputs';

export const DERIVED_CRITERIA_NOTE =
  'These criteria were derived by Credence from the learning outcomes and the type of assessment, because the issuer published none.';

export const outcomeText = (outcome: LearningOutcome): string =>
  typeof outcome === 'string' ? outcome : outcome.text;

/**
 * The Achievement's criteria: the issuer's own narrative, or one derived from what the
 * specification says, which says so in its last line (and `derived` tells the caller).
 */
export const criteriaFor = (spec: SpecificationInput): { narrative: string; derived: boolean } => {
  if (spec.criteria?.narrative) return { narrative: spec.criteria.narrative, derived: false };
  const outcomes = (spec.learningOutcomes ?? []).map((outcome) => `- ${outcomeText(outcome)}`);
  const lines = [
    ...(outcomes.length > 0
      ? ['The learner has demonstrated these learning outcomes:', '', ...outcomes, '']
      : []),
    ...(spec.typeOfAssessment ? [`Assessed by: ${spec.typeOfAssessment}.`, ''] : []),
    `_${DERIVED_CRITERIA_NOTE}_`,
  ];
  return { narrative: lines.join('\n'), derived: true };
};
