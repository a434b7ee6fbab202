/** The columns of a batch upload (CSV header names, NDJSON field names), in their documented order. */
export const COLUMNS = [
  'specificationId',
  'learnerId',
  'identityType',
  'identityHash',
  'salt',
  'outcome',
  'grade',
  'assessor',
  'method',
  'assessedAt',
  'evidence',
  'validFrom',
  'validUntil',
  'rowKey',
  'assessmentId',
] as const;

export type Column = (typeof COLUMNS)[number];

export const isColumn = (name: string): name is Column => (COLUMNS as readonly string[]).includes(name);

/** Needed by every row, whether it records the assessment or cites one. */
export const ALWAYS_REQUIRED: readonly Column[] = ['specificationId', 'learnerId', 'validFrom'];

/** The assessment a row records when it cites no assessmentId (evidence may be left out: no evidence). */
export const ASSESSMENT_REQUIRED: readonly Column[] = ['outcome', 'assessor', 'method', 'assessedAt'];
export const ASSESSMENT_COLUMNS: readonly Column[] = [
  ...ASSESSMENT_REQUIRED,
  'grade',
  'evidence',
  'identityType',
  'identityHash',
  'salt',
];

/** Where a field of the single-request DTOs comes from in a row, so a problem names the column at fault. */
const FIELD_COLUMNS: Readonly<Record<string, Column>> = {
  'learner.id': 'learnerId',
  learner: 'learnerId',
  'learner.identity': 'identityType',
  'learner.identity.identityType': 'identityType',
  'learner.identity.identityHash': 'identityHash',
  'learner.identity.salt': 'salt',
  result: 'outcome',
  'result.outcome': 'outcome',
  'result.grade': 'grade',
  assessmentIds: 'assessmentId',
};

export const columnOf = (field: string): string => {
  const exact = FIELD_COLUMNS[field];
  if (exact) return exact;
  const base = field.replace(/\.\d+$/, '');
  return FIELD_COLUMNS[base] ?? base;
};
