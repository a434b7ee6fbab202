import type { GivenEvent } from '../testing/projection-spec';
import { ProjectionSpecification } from '../testing/projection-spec';
import { pathwaysProjection } from './pathways';
import { stacksProjection } from './stacks';

const awarded: GivenEvent = {
  type: 'StackedCredentialAwarded',
  data: {
    stackId: 'stack-1',
    issuerId: 'uni-1',
    pathwayId: 'path-1',
    learnerId: 'lrn-1',
    componentCredentialIds: ['c1', 'c2'],
    totalEcts: 6,
    awardedAt: '2026-02-01T09:00:00Z',
  },
};

describe('stacks projection', () => {
  const given = ProjectionSpecification.for(stacksProjection);

  it('When awarded › records the stack for the learner', () => {
    given([])
      .when([awarded])
      .thenMatch('stack-1', {
        learnerId: 'lrn-1',
        componentCredentialIds: ['c1', 'c2'],
        status: 'awarded',
        invalidation: null,
      });
    given([]).when([awarded]).thenColumns('stack-1', {
      learner_id: 'lrn-1',
      issuer_id: 'uni-1',
      pathway_id: 'path-1',
      status: 'awarded',
    });
  });

  it('When a component is revoked and the stack invalidated › records which component and when', () => {
    given([awarded])
      .when([
        {
          type: 'StackedCredentialInvalidated',
          data: {
            stackId: 'stack-1',
            issuerId: 'uni-1',
            reason: 'component-revoked',
            componentCredentialId: 'c2',
          },
          metadata: { now: '2026-03-01T09:00:00Z' },
        },
      ])
      .thenMatch('stack-1', {
        status: 'invalidated',
        invalidation: {
          componentCredentialId: 'c2',
          reason: 'component-revoked',
          at: '2026-03-01T09:00:00Z',
        },
      });
  });

  const stack = { stackId: 'stack-1', issuerId: 'uni-1' };
  const at = (now: string) => ({ metadata: { now } });

  it('When a spare component is lost › rests on the rest, keeps its status, and names the lost one', () => {
    given([awarded])
      .when([
        {
          type: 'StackComponentLost',
          data: {
            ...stack,
            componentCredentialId: 'c2',
            reason: 'fraud',
            componentCredentialIds: ['c1'],
            totalEcts: 3,
            validUntil: '2030-01-01T00:00:00Z',
          },
          ...at('2026-03-01T09:00:00Z'),
        },
      ])
      .thenMatch('stack-1', {
        status: 'awarded',
        componentCredentialIds: ['c1'],
        totalEcts: 3,
        validUntil: '2030-01-01T00:00:00Z',
        formerComponents: [
          {
            componentCredentialId: 'c2',
            outcome: 'lost',
            reason: 'fraud',
            replacementCredentialId: null,
            at: '2026-03-01T09:00:00Z',
          },
        ],
      });
  });

  it('When a component is replaced by its re-issue › rests on the re-issue', () => {
    given([awarded])
      .when([
        {
          type: 'StackComponentReplaced',
          data: {
            ...stack,
            componentCredentialId: 'c2',
            replacementCredentialId: 'c3',
            componentCredentialIds: ['c1', 'c3'],
            totalEcts: 6,
          },
          ...at('2026-03-01T09:00:00Z'),
        },
      ])
      .thenMatch('stack-1', {
        componentCredentialIds: ['c1', 'c3'],
        validUntil: null,
        formerComponents: [
          { componentCredentialId: 'c2', outcome: 'replaced', replacementCredentialId: 'c3' },
        ],
      });
  });

  it('When suspended and reinstated › keeps each status change with its cause and time', () => {
    given([awarded])
      .when([
        {
          type: 'StackedCredentialSuspended',
          data: { ...stack, suspendedComponentIds: ['c2'] },
          ...at('2026-03-01T09:00:00Z'),
        },
        { type: 'StackedCredentialReinstated', data: stack, ...at('2026-04-01T09:00:00Z') },
      ])
      .thenMatch('stack-1', {
        status: 'awarded',
        history: [
          { status: 'awarded', componentCredentialIds: [] },
          { status: 'suspended', componentCredentialIds: ['c2'], at: '2026-03-01T09:00:00Z' },
          { status: 'awarded', componentCredentialIds: [], at: '2026-04-01T09:00:00Z' },
        ],
      });
    given([awarded])
      .when([{ type: 'StackedCredentialSuspended', data: { ...stack, suspendedComponentIds: ['c2'] } }])
      .thenColumns('stack-1', { status: 'suspended' });
  });

  it('When invalidated › takes nothing after it', () => {
    given([awarded])
      .when([
        {
          type: 'StackedCredentialInvalidated',
          data: { ...stack, reason: 'component-revoked', componentCredentialId: 'c2' },
        },
        { type: 'StackedCredentialReinstated', data: stack },
      ])
      .thenMatch('stack-1', { status: 'invalidated' });
  });
});

describe('pathways projection', () => {
  const given = ProjectionSpecification.for(pathwaysProjection);

  it('When published › keeps title, components and completion rule', () => {
    given([])
      .when([
        {
          type: 'PathwayPublished',
          data: {
            pathwayId: 'path-1',
            issuerId: 'uni-1',
            title: 'Data Analytics Professional',
            components: ['s1', 's2'],
            completion: { kind: 'all-of' },
            minimumEcts: 6,
          },
          metadata: { now: '2026-01-20T09:00:00Z' },
        },
      ])
      .thenDocuments({
        'path-1': {
          pathwayId: 'path-1',
          issuerId: 'uni-1',
          title: 'Data Analytics Professional',
          components: ['s1', 's2'],
          completion: { kind: 'all-of' },
          minimumEcts: 6,
          publishedAt: '2026-01-20T09:00:00Z',
        },
      });
  });
});
