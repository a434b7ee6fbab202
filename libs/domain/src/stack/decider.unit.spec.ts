import { commandsFor, DeciderSpecification, FIXED_NOW } from '@credence/testing';
import { fold } from '../core';
import { credentialDecider } from '../credential/decider';
import type { CredentialEvent } from '../credential/events';
import { pathwayDecider } from '../pathway/decider';
import { actingAs, credentialIssued, OTHER_ISSUER, pathwayPublished } from '../test-fixtures';
import type { StackCommand } from './commands';
import { stackDecider } from './decider';
import type { StackedCredentialAwarded, StackedCredentialInvalidated } from './events';

const given = DeciderSpecification.for(stackDecider);
const command = commandsFor<StackCommand>(actingAs());
const credential = (...events: CredentialEvent[]) => fold(credentialDecider, events);
// Two 5-ECTS credentials for spec-1 and spec-2; the pathway wants both and 10 ECTS.
const cred1 = credential(credentialIssued());
// From another institution: stacking crosses issuers.
const cred2 = credential(
  credentialIssued({ credentialId: 'cred-2', specificationId: 'spec-2', issuerId: OTHER_ISSUER }),
);
const pathway = fold(pathwayDecider, [pathwayPublished()]);
const ids = ['cred-1', 'cred-2'];
const awardWith = (
  change: { componentCredentialIds?: string[]; learnerId?: string } = {},
  context = {},
  metadata = {},
) =>
  command(
    'AwardStackedCredential',
    {
      stackId: 'stack-1',
      pathwayId: 'path-1',
      learnerId: 'learner-1',
      componentCredentialIds: ids,
      ...change,
      context: {
        pathway,
        components: [cred1, cred2],
        issuer: { status: 'unregistered' as const },
        ...context,
      },
    },
    metadata,
  );
const awarded: StackedCredentialAwarded = {
  type: 'StackedCredentialAwarded',
  data: {
    stackId: 'stack-1',
    issuerId: 'uni-1',
    pathwayId: 'path-1',
    learnerId: 'learner-1',
    componentCredentialIds: ids,
    totalEcts: 10,
    awardedAt: FIXED_NOW,
  },
};
const invalidated: StackedCredentialInvalidated = {
  type: 'StackedCredentialInvalidated',
  data: {
    stackId: 'stack-1',
    issuerId: 'uni-1',
    reason: 'component-revoked',
    componentCredentialId: 'cred-2',
  },
};
const ref = { credentialId: 'cred-2', issuerId: OTHER_ISSUER };
const issued2 = credentialIssued({ ...ref, specificationId: 'spec-2' });

describe('Stack decider', () => {
  describe('AwardStackedCredential', () => {
    it('awards when every component is active, the learner’s, and the pathway is complete', () =>
      given([]).when(awardWith()).then([awarded]));
    it('awards an n-of pathway with enough components', () =>
      given([])
        .when(
          awardWith(
            { componentCredentialIds: ['cred-1'] },
            {
              pathway: fold(pathwayDecider, [
                pathwayPublished({ completion: { kind: 'n-of', n: 1 }, minimumEcts: 5 }),
              ]),
            },
          ),
        )
        .then([{ ...awarded, data: { ...awarded.data, componentCredentialIds: ['cred-1'], totalEcts: 5 } }]));
    it("ends with its components' earliest validUntil", () =>
      given([])
        .when(
          awardWith(
            {},
            {
              components: [
                credential(credentialIssued({ validUntil: '2027-01-01T00:00:00Z' })),
                credential(credentialIssued({ ...issued2.data, validUntil: '2026-09-01T00:00:00Z' })),
              ],
            },
          ),
        )
        .then([{ ...awarded, data: { ...awarded.data, validUntil: '2026-09-01T00:00:00Z' } }]));
    it('ends when the pathway says, counted from the award, whatever its components', () =>
      given([])
        .when(
          awardWith(
            {},
            {
              components: [
                cred1,
                credential(credentialIssued({ ...issued2.data, validUntil: '2026-09-01T00:00:00Z' })),
              ],
              pathway: fold(pathwayDecider, [pathwayPublished({ stackValidity: 'P3Y' })]),
            },
          ),
        )
        .then([{ ...awarded, data: { ...awarded.data, validUntil: '2028-06-01T12:00:00.000Z' } }]));
    it('counts an hours-only component as 0 ECTS and names it', () =>
      given([])
        .when(
          awardWith(
            {},
            {
              components: [cred1, credential(credentialIssued({ ...issued2.data, ects: undefined }))],
              pathway: fold(pathwayDecider, [pathwayPublished({ minimumEcts: 5 })]),
            },
          ),
        )
        .then([{ ...awarded, data: { ...awarded.data, totalEcts: 5, zeroEctsComponentIds: ['cred-2'] } }]));
    it('refuses a minimum an hours-only component cannot help reach, naming it', () =>
      given([])
        .when(
          awardWith(
            {},
            { components: [cred1, credential(credentialIssued({ ...issued2.data, ects: undefined }))] },
          ),
        )
        .thenThrows('stack.ects-below-minimum', 'conflict', {
          totalEcts: 5,
          minimumEcts: 10,
          zeroEctsComponentIds: ['cred-2'],
        }));
    it('is a no-op when awarded again with the same components in any order', () =>
      given([awarded])
        .when(awardWith({ componentCredentialIds: ['cred-2', 'cred-1'] }))
        .thenNothing());
    it('refuses another award on the same stack id', () =>
      given([awarded])
        .when(awardWith({ learnerId: 'learner-2' }))
        .thenThrows('stack.already-awarded', 'conflict'));
    it('refuses to re-award an invalidated stack', () =>
      given([awarded, invalidated]).when(awardWith()).thenThrows('stack.invalidated', 'conflict'));
    it('refuses an unknown pathway', () =>
      given([])
        .when(awardWith({}, { pathway: { status: 'absent' } }))
        .thenThrows('pathway.not-found', 'not-found'));
    it("forbids awarding on another issuer's pathway", () =>
      given([])
        .when(awardWith({}, {}, actingAs(OTHER_ISSUER)))
        .thenThrows('issuer.not-owner', 'forbidden'));
    it('refuses an unknown component, naming it', () =>
      given([])
        .when(awardWith({}, { components: [cred1] }))
        .thenThrows('credential.not-found', 'not-found', { credentialIds: ['cred-2'] }));
    it('refuses a credential listed twice', () =>
      given([])
        .when(awardWith({ componentCredentialIds: ['cred-1', 'cred-1'] }))
        .thenThrows('stack.duplicate-component', 'invalid'));
    it.each([
      [
        'suspended',
        credential(issued2, { type: 'CredentialSuspended', data: { ...ref, reason: 'issuer-request' } }),
      ],
      ['revoked', credential(issued2, { type: 'CredentialRevoked', data: { ...ref, reason: 'fraud' } })],
      ['expired', credential({ ...issued2, data: { ...issued2.data, validUntil: '2025-06-01T12:00:00Z' } })],
      [
        'not-yet-valid',
        credential({ ...issued2, data: { ...issued2.data, validFrom: '2025-07-01T00:00:00Z' } }),
      ],
    ])('refuses a %s component', (status, component) =>
      given([])
        .when(awardWith({}, { components: [cred1, component] }))
        .thenThrows('stack.component-inactive', 'conflict', {
          components: [{ credentialId: 'cred-2', status }],
        }),
    );
    it.each([
      [
        "another learner's credential",
        { learner: { id: 'x' } },
        'stack.learner-mismatch',
        { credentialIds: ['cred-2'] },
      ],
      [
        'a credential for a spec outside the pathway',
        { specificationId: 'spec-9' },
        'stack.component-not-in-pathway',
        { credentialIds: ['cred-2'] },
      ],
      [
        'two credentials for the same spec',
        { specificationId: 'spec-1' },
        'stack.duplicate-specification',
        { specificationIds: ['spec-1'] },
      ],
    ])('refuses %s', (_, change, code, details) =>
      given([])
        .when(
          awardWith(
            {},
            { components: [cred1, credential(credentialIssued({ ...issued2.data, ...change }))] },
          ),
        )
        .thenThrows(code, 'conflict', details),
    );
    it('refuses an all-of pathway with a component missing', () =>
      given([])
        .when(awardWith({ componentCredentialIds: ['cred-1'] }))
        .thenThrows('stack.completion-unmet', 'conflict', { required: 2, missing: ['spec-2'] }));
    it('refuses an n-of pathway with too few components', () =>
      given([])
        .when(
          awardWith(
            { componentCredentialIds: ['cred-1'] },
            { pathway: fold(pathwayDecider, [pathwayPublished({ completion: { kind: 'n-of', n: 2 } })]) },
          ),
        )
        .thenThrows('stack.completion-unmet', 'conflict', { required: 2 }));
    it('refuses a total below the minimum ECTS', () =>
      given([])
        .when(awardWith({}, { pathway: fold(pathwayDecider, [pathwayPublished({ minimumEcts: 12 })]) }))
        .thenThrows('stack.ects-below-minimum', 'conflict', { totalEcts: 10, minimumEcts: 12 }));
  });
});
