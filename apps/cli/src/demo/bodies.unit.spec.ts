import { BATCH_ROWS, cohortsOf } from './bodies';
import { planWorld } from './world';

describe('cohortsOf', () => {
  it('puts every passed enrolment in exactly one batch of one specification, none above the row limit', () => {
    // Given the medium world, whose intakes run to thousands of learners
    const world = planWorld('medium', 42);
    // When it is cut into cohorts
    const cohorts = cohortsOf(world);
    // Then each pass is in one cohort, each cohort is one specification's, and no batch is too large
    const keys = cohorts.flatMap((c) => c.enrolments.map((e) => e.key));
    expect(keys.sort()).toEqual(
      world.enrolments
        .filter((e) => e.outcome === 'pass')
        .map((e) => e.key)
        .sort(),
    );
    expect(cohorts.every((c) => c.enrolments.every((e) => e.spec === c.spec))).toBe(true);
    expect(Math.max(...cohorts.map((c) => c.enrolments.length))).toBeLessThanOrEqual(BATCH_ROWS);
  });
});
