import { commandsFor, DeciderSpecification } from '@credence/testing';
import { fold } from '../core';
import { specificationDecider } from '../specification/decider';
import type { SpecificationEvent } from '../specification/events';
import { actingAs, OTHER_ISSUER, pathwayPublished, specificationPublished } from '../test-fixtures';
import type { PathwayCommand } from './commands';
import { pathwayDecider } from './decider';

const given = DeciderSpecification.for(pathwayDecider);
const command = commandsFor<PathwayCommand>(actingAs());
const spec = (...events: SpecificationEvent[]) => fold(specificationDecider, events);
const spec1 = spec(specificationPublished());
// A component from another institution: pathways may stack across issuers.
const spec2 = spec(specificationPublished({ specificationId: 'spec-2', issuerId: OTHER_ISSUER }));
const published = pathwayPublished();
const { issuerId: _issuerId, ...definition } = published.data;
const publish = (change: Partial<typeof definition> = {}, components = [spec1, spec2], metadata = {}) =>
  command('PublishPathway', { ...definition, ...change, context: { components } }, metadata);

describe('Pathway decider: PublishPathway', () => {
  it('publishes a pathway over published specs', () => given([]).when(publish()).then([published]));
  it('publishes an n-of pathway', () =>
    given([])
      .when(publish({ completion: { kind: 'n-of', n: 1 }, minimumEcts: 0 }))
      .then([pathwayPublished({ completion: { kind: 'n-of', n: 1 }, minimumEcts: 0 })]));
  it('publishes a pathway whose stacks are valid for a fixed time from their award', () =>
    given([])
      .when(publish({ stackValidity: 'P3Y' }))
      .then([pathwayPublished({ stackValidity: 'P3Y' })]));
  it('is a no-op when republished identically', () => given([published]).when(publish()).thenNothing());
  it('refuses another definition for a published pathway', () =>
    given([published])
      .when(publish({ minimumEcts: 20 }))
      .thenThrows('pathway.already-published', 'conflict'));
  it("forbids republishing another issuer's pathway", () =>
    given([published])
      .when(publish({}, undefined, actingAs(OTHER_ISSUER)))
      .thenThrows('issuer.not-owner', 'forbidden'));
  it('refuses an unknown component, naming it', () =>
    given([])
      .when(publish({}, [spec1, spec()]))
      .thenThrows('specification.not-found', 'not-found', { specificationIds: ['spec-2'] }));
  it('refuses a retired component', () =>
    given([])
      .when(
        publish({}, [
          spec1,
          spec(specificationPublished({ specificationId: 'spec-2' }), {
            type: 'SpecificationRetired',
            data: { specificationId: 'spec-2', issuerId: 'uni-1' },
          }),
        ]),
      )
      .thenThrows('specification.retired', 'conflict', { specificationIds: ['spec-2'] }));
  it.each([
    ['an empty title', { title: '' }, 'pathway.title-required'],
    ['no components', { components: [] }, 'pathway.components-required'],
    ['a duplicate component', { components: ['spec-1', 'spec-1'] }, 'pathway.duplicate-component'],
    ['n of 0', { completion: { kind: 'n-of', n: 0 } as const }, 'pathway.completion-invalid'],
    [
      'n above the component count',
      { completion: { kind: 'n-of', n: 3 } as const },
      'pathway.completion-invalid',
    ],
    ['a fractional n', { completion: { kind: 'n-of', n: 1.5 } as const }, 'pathway.completion-invalid'],
    ['negative minimum ECTS', { minimumEcts: -1 }, 'pathway.minimum-ects-invalid'],
    ['a stack validity that is no duration', { stackValidity: '3 years' }, 'pathway.stack-validity-invalid'],
  ])('refuses %s', (_, change, code) => given([]).when(publish(change)).thenThrows(code, 'invalid'));
  it('refuses a command type it does not know', () =>
    given([])
      .when({ ...publish(), type: 'UnpublishPathway' } as unknown as ReturnType<typeof publish>)
      .thenThrows('command.unknown', 'invalid'));
});
