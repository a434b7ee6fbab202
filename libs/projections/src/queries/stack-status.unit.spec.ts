import fc from 'fast-check';
import { type RecordedStackEvent, type StackEvent, stackStatusFrom } from '@credence/domain';
import type { EventOf } from '../events';
import { type StackDoc, stacksProjection } from '../projections/stacks';
import { stackStatusAt } from './stack-status';

/*
 * Given a stack's events projected by the real stacks projection, when its status is asked at
 * (at, asOf), then it is what the domain's stackStatusFrom says of the raw events: the read model
 * keeps no rules of its own. Documents stored before the events were kept still answer.
 */
const HOUR = 3_600_000;
const AWARD_MS = Date.parse('2026-02-01T09:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();
const ids = { stackId: 'stack-1', issuerId: 'uni-1' };

type Step = Pick<StackEvent, 'type' | 'data'>;
const award: Step = {
  type: 'StackedCredentialAwarded',
  data: {
    ...ids,
    pathwayId: 'path-1',
    learnerId: 'lrn-1',
    componentCredentialIds: ['c1', 'c2', 'c3'],
    totalEcts: 9,
    awardedAt: iso(AWARD_MS),
    validUntil: iso(AWARD_MS + 24 * 200 * HOUR),
  },
};
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.constant<Step>({ type: 'StackedCredentialSuspended', data: { ...ids, suspendedComponentIds: ['c2'] } }),
  fc.constant<Step>({ type: 'StackedCredentialReinstated', data: ids }),
  fc.integer({ min: 1, max: 300 }).map((days): Step => ({
    type: 'StackComponentLost',
    data: {
      ...ids,
      componentCredentialId: 'c3',
      reason: 'fraud',
      componentCredentialIds: ['c1', 'c2'],
      totalEcts: 6,
      validUntil: iso(AWARD_MS + days * 24 * HOUR),
    },
  })),
  fc.constant<Step>({
    type: 'StackedCredentialInvalidated',
    data: { ...ids, reason: 'component-revoked', componentCredentialId: 'c1' },
  }),
);
/** After an invalidation the reactor records nothing more for the stack. */
const untilInvalidated = (steps: readonly Step[]) => {
  const end = steps.findIndex((s) => s.type === 'StackedCredentialInvalidated');
  return end < 0 ? steps : steps.slice(0, end + 1);
};

const project = (steps: readonly Step[], gapsHours: readonly number[]) => {
  const events = [award, ...steps].map(
    (s, i): RecordedStackEvent =>
      ({
        ...s,
        recordedAt: iso(AWARD_MS + gapsHours.slice(0, i).reduce((a, b) => a + b, 0) * HOUR),
      }) as never,
  );
  const doc = events.reduce<StackDoc | null>(
    (d, e) =>
      stacksProjection.evolve(
        d,
        { type: e.type, data: e.data, metadata: { now: e.recordedAt } } as EventOf<StackEvent['type']>,
        ids.stackId,
      ),
    null,
  );
  return { events, doc: doc! };
};

describe('A stack’s status at (at, asOf) from the read model', () => {
  it('is what the domain says of the raw events, at every (at, asOf)', () =>
    fc.assert(
      fc.property(
        fc.array(step, { maxLength: 8 }).map(untilInvalidated),
        fc.array(fc.integer({ min: 0, max: 24 * 60 }), { minLength: 9, maxLength: 9 }),
        fc.array(fc.tuple(fc.integer({ min: -48, max: 24 * 400 }), fc.integer({ min: -48, max: 24 * 400 })), {
          minLength: 1,
          maxLength: 10,
        }),
        (steps, gaps, questions) => {
          const { events, doc } = project(steps, gaps);
          for (const [at, asOf] of questions) {
            const question = { atMs: AWARD_MS + at * HOUR, asOfMs: AWARD_MS + asOf * HOUR };
            expect(stackStatusAt(doc, question)).toEqual(stackStatusFrom(events, question));
          }
        },
      ),
      { numRuns: 300 },
    ));

  const suspendedThenReinstated = project(
    [
      { type: 'StackedCredentialSuspended', data: { ...ids, suspendedComponentIds: ['c2'] } },
      { type: 'StackedCredentialReinstated', data: ids },
    ],
    [24 * 28, 24 * 31],
  ).doc;
  const question = (at: string, asOf = '2030-01-01T00:00:00Z') => ({
    atMs: Date.parse(at),
    asOfMs: Date.parse(asOf),
  });

  it('reads a document stored before the events were kept from its status changes', () => {
    const old = { ...suspendedThenReinstated, events: undefined } as unknown as StackDoc;
    expect(stackStatusAt(old, question('2026-03-15T00:00:00Z'))).toMatchObject({
      status: 'suspended',
      causedBy: ['c2'],
      since: '2026-03-01T09:00:00.000Z',
    });
    expect(stackStatusAt(old, question('2026-05-01T00:00:00Z')).status).toBe('active');
    expect(stackStatusAt(old, question('2026-03-15T00:00:00Z', '2026-02-15T00:00:00Z')).status).toBe(
      'active',
    );
  });

  it('reads a document stored before stacks kept a history as its one recorded status', () => {
    const older = {
      ...suspendedThenReinstated,
      events: undefined,
      history: undefined,
    } as unknown as StackDoc;
    expect(stackStatusAt(older, question('2026-03-15T00:00:00Z')).status).toBe('active');
    expect(stackStatusAt(older, question('2026-01-15T00:00:00Z', '2026-01-15T00:00:00Z')).status).toBe(
      'absent',
    );
  });
});
