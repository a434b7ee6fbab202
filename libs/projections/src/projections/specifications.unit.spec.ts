import type { SpecificationPublished } from '@credence/domain';
import { specificationPublished } from '../testing/domain-events';
import { ProjectionSpecification } from '../testing/projection-spec';
import { specificationsProjection } from './specifications';

const given = ProjectionSpecification.for(specificationsProjection);

describe('specifications projection (the register)', () => {
  it('When published › keeps every Annex I element and indexes the comparable ones', () => {
    const published = specificationPublished('spec-1', {
      countries: ['NL'],
      learningOutcomes: ['Build a dashboard'],
      stackable: true,
    });
    given([])
      .when([published])
      .thenMatch('spec-1', {
        title: 'Applied Data Visualisation',
        countries: ['NL'],
        learningOutcomes: ['Build a dashboard'],
        stackable: true,
        publishedAt: '2026-01-05T09:00:00Z',
        retired: false,
      });
    given([]).when([published]).thenColumns('spec-1', {
      issuer_id: 'uni-1',
      eqf_level: 6,
      ects: 3,
      hours: 84,
      type_of_assessment: 'project',
      form_of_participation: 'online',
      type_of_quality_assurance: 'external accreditation',
      retired: 0,
    });
  });

  it('When published without a workload or level › indexes them as missing', () => {
    given([])
      .when([specificationPublished('spec-2', { notionalWorkload: undefined, eqfLevel: undefined })])
      .thenColumns('spec-2', { ects: null, hours: null, eqf_level: null });
  });

  it('When retired › stays in the register, marked retired at the time it happened', () => {
    given([specificationPublished('spec-1')])
      .when([
        {
          type: 'SpecificationRetired',
          data: { specificationId: 'spec-1', issuerId: 'uni-1' },
          metadata: { now: '2026-04-01T00:00:00Z' },
        },
      ])
      .thenMatch('spec-1', { retired: true, retiredAt: '2026-04-01T00:00:00Z' });
  });

  it('When revised › shows the new content as current and keeps every version, once', () => {
    const published = specificationPublished('spec-1');
    const { specificationId: _s, issuerId: _i, ...first } = published.data as SpecificationPublished['data'];
    const revision = {
      type: 'SpecificationRevised',
      data: {
        ...first,
        specificationId: 'spec-1',
        issuerId: 'uni-1',
        title: 'Applied Data Visualisation II',
        version: 2,
      },
      metadata: { now: '2026-03-01T00:00:00Z' },
    } as const;
    given([published])
      .when([revision, revision])
      .thenMatch('spec-1', {
        title: 'Applied Data Visualisation II',
        publishedAt: '2026-01-05T09:00:00Z',
        version: 2,
        versions: [
          { ...first, version: 1, publishedAt: '2026-01-05T09:00:00Z' },
          {
            ...first,
            title: 'Applied Data Visualisation II',
            version: 2,
            publishedAt: '2026-03-01T00:00:00Z',
          },
        ],
      });
    given([published]).when([revision]).thenColumns('spec-1', { title: 'Applied Data Visualisation II' });
  });

  it('When an unknown specification is retired › creates nothing', () => {
    given([])
      .when([{ type: 'SpecificationRetired', data: { specificationId: 'ghost', issuerId: 'uni-1' } }])
      .thenDocuments({ ghost: null });
  });
});
