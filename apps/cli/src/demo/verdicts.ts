import type { BatchStatus } from '../batch/batch-client';
import type { PlannedSpecification } from './world';

/** The plan says how the ledger must answer; any other answer stops the seed, naming what differed. */

const violations = (body: Record<string, unknown>) =>
  ((body.violations as { ruleId: string }[] | undefined) ?? []).map((v) => v.ruleId);

export const expectVerdict = (
  spec: PlannedSpecification,
  answer: { status: number; body: Record<string, unknown> },
) => {
  if (spec.refusedBy) {
    if (answer.status !== 422 || !violations(answer.body).includes(spec.refusedBy))
      throw new Error(
        `${spec.key} "${spec.body.title}": expected a refusal by ${spec.refusedBy}, got ${answer.status} ${JSON.stringify(answer.body)}`,
      );
  } else if (answer.status !== 201)
    throw new Error(
      `${spec.key} "${spec.body.title}": expected 201, got ${answer.status} ${JSON.stringify(answer.body)}`,
    );
};

export const expectAllIssued = (cohort: string, status: BatchStatus) => {
  if (status.failed === 0) return;
  const first = status.results.find((r) => r.status === 'failed');
  throw new Error(
    `cohort ${cohort}: ${status.failed} rows failed, e.g. row ${first?.row}: ${first?.problem?.code} ${first?.problem?.detail ?? first?.problem?.title ?? ''}`,
  );
};
