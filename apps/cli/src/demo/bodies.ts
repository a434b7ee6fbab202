import type { DemoWorld, Enrolment } from './world';
import { assessedAt, validFrom } from './world';

/** Where the plan meets the ledger: its clock and the ids the ledger gave the specifications. */
export type Placement = Readonly<{ world: DemoWorld; now: number; specIds: ReadonlyMap<string, string> }>;

export const BATCH_ROWS = 10_000;

export type Cohort = Readonly<{ key: string; spec: string; enrolments: readonly Enrolment[] }>;

/** A specification's intake is a cohort; a cohort above the batch limit goes in several batches. */
export const cohortsOf = (world: DemoWorld): Cohort[] => {
  const byIntake = new Map<string, Enrolment[]>();
  for (const e of world.enrolments.filter((x) => x.outcome === 'pass')) {
    const key = `${e.spec}-intake-${e.intake}`;
    const cohort = byIntake.get(key) ?? [];
    cohort.push(e);
    byIntake.set(key, cohort);
  }
  return [...byIntake].flatMap(([key, enrolments]) =>
    Array.from({ length: Math.ceil(enrolments.length / BATCH_ROWS) }, (_, part) => ({
      key: `${key}-${part}`,
      spec: enrolments[0].spec,
      enrolments: enrolments.slice(part * BATCH_ROWS, (part + 1) * BATCH_ROWS),
    })),
  );
};

/** `POST /v1/assessments` for an enrolment. */
export const assessmentBody = ({ world, now, specIds }: Placement, e: Enrolment) => {
  const learner = world.learners[e.learner];
  const spec = world.specifications.find((s) => s.key === e.spec)!;
  return {
    specificationId: specIds.get(spec.key)!,
    learner: {
      id: learner.id,
      identity: { identityType: 'emailAddress', identityHash: learner.identityHash, salt: learner.salt },
    },
    result: { outcome: e.outcome, grade: e.grade },
    assessor: e.assessor,
    method: (spec.body.typeOfAssessment as string | undefined) ?? 'exam',
    assessedAt: assessedAt(world, e, now),
    evidence: [`https://lms.example.org/${spec.key}/${e.key}`],
  };
};

/** The batch's row (docs/credential-batches.md): the assessment's fields flattened, and the validity. */
export const batchRow = (placement: Placement, e: Enrolment) => {
  const a = assessmentBody(placement, e);
  return {
    rowKey: e.key,
    specificationId: a.specificationId,
    learnerId: a.learner.id,
    ...a.learner.identity,
    outcome: a.result.outcome,
    grade: a.result.grade,
    assessor: a.assessor,
    method: a.method,
    assessedAt: a.assessedAt,
    evidence: a.evidence,
    validFrom: validFrom(a.assessedAt, placement.now),
  };
};
