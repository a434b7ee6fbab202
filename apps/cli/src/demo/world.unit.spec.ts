import fc from 'fast-check';
import { assessedAt, DAY, planWorld, validFrom } from './world';

const NOW = Date.parse('2026-12-06T03:00:00Z');

describe('planWorld', () => {
  const world = planWorld('small', 42);

  it('plans the same world for the same seed: names, numbers and refusals', () => {
    // Given the same seed twice, when the world is planned, then the plans are equal
    expect(planWorld('small', 42)).toEqual(world);
  });

  it('plans another world for another seed', () => {
    const other = planWorld('small', 43);
    expect(other.specifications.map((s) => s.body.title)).not.toEqual(
      world.specifications.map((s) => s.body.title),
    );
    expect(other.learners[20].id).not.toBe(world.learners[20].id);
  });

  it('has about 40 specifications over EQF levels 4 to 7 and several ISCED fields, four of them refused and three warned', () => {
    expect(world.specifications).toHaveLength(40);
    expect(world.specifications.filter((s) => s.refusedBy)).toHaveLength(4);
    expect(world.specifications.filter((s) => s.warnedBy)).toHaveLength(3);
    const levels = new Set(world.specifications.map((s) => s.body.eqfLevel));
    expect([...levels].every((level) => [4, 5, 6, 7].includes(level as number))).toBe(true);
    expect(new Set(world.specifications.map((s) => s.body.fieldOfStudy)).size).toBeGreaterThan(10);
  });

  it('gives every one of the 2,000 learners at least one assessment, a handful of them failed', () => {
    expect(world.learners).toHaveLength(2_000);
    expect(new Set(world.enrolments.map((e) => e.learner)).size).toBe(2_000);
    expect(new Set(world.learners.map((l) => l.id)).size).toBe(2_000);
    const fails = world.enrolments.filter((e) => e.outcome === 'fail').length;
    expect(fails).toBeGreaterThanOrEqual(5);
    expect(fails).toBeLessThan(20);
  });

  it('places every assessment in the 18 months before now, and each validity from the next day, never ahead of now', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...world.enrolments),
        fc.integer({ min: 0, max: 400 * DAY }),
        (e, shift) => {
          const now = NOW + shift;
          const assessed = Date.parse(assessedAt(world, e, now));
          const valid = Date.parse(validFrom(assessedAt(world, e, now), now));
          expect(assessed).toBeLessThan(now - 2 * DAY);
          expect(assessed).toBeGreaterThan(now - 19 * 30 * DAY);
          expect(valid).toBeGreaterThan(assessed);
          expect(valid).toBeLessThanOrEqual(now);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('revokes with each reason but the annulment’s, which the annulment cascade gives, and plans one re-issue', () => {
    const keys = [
      ...world.lifecycle.suspensions.map((s) => s.enrolment),
      ...world.lifecycle.revocations.map((r) => r.enrolment),
      world.lifecycle.annulment,
      world.lifecycle.reissue,
    ];
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(world.lifecycle.revocations.map((r) => r.reason))).toEqual(
      new Set(['issued-in-error', 'fraud', 'issuer-request', 'superseded', 'accreditation-withdrawn']),
    );
  });

  it('awards stacks on one all-of and one two-of-three pathway to learners who hold the components', () => {
    expect(world.pathways.map((p) => p.completion)).toEqual([{ kind: 'all-of' }, { kind: 'n-of', n: 2 }]);
    for (const pathway of world.pathways)
      for (const award of pathway.awards) {
        const held = world.enrolments.filter((e) => e.learner === award.learner && e.outcome === 'pass');
        expect(award.components.every((spec) => held.some((e) => e.spec === spec))).toBe(true);
        expect(award.components.length).toBeGreaterThanOrEqual(2);
      }
  });
});
