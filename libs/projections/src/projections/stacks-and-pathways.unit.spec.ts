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
