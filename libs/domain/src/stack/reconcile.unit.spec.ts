import { commandsFor, DeciderSpecification, FIXED_NOW } from '@credence/testing';
import { fold } from '../core';
import { credentialDecider } from '../credential/decider';
import type { CredentialEvent, RevocationReason } from '../credential/events';
import { pathwayDecider } from '../pathway/decider';
import { credentialIssued, pathwayPublished } from '../test-fixtures';
import type { StackCommand } from './commands';
import { stackDecider } from './decider';
import type { StackEvent } from './events';

const given = DeciderSpecification.for(stackDecider);
const system = {
  principal: { id: 'system:stack-invalidation', role: 'admin' as const },
  issuerId: undefined,
};
const command = commandsFor<StackCommand>(system);

// A 2-of-3 pathway of 5-ECTS specs, awarded from all three: one is spare.
const pathway = fold(pathwayDecider, [
  pathwayPublished({ components: ['spec-1', 'spec-2', 'spec-3'], completion: { kind: 'n-of', n: 2 } }),
]);
const issued = (n: number, change = {}) =>
  credentialIssued({ credentialId: `cred-${n}`, specificationId: `spec-${n}`, ...change });
const ref = (n: number) => ({ credentialId: `cred-${n}`, issuerId: 'uni-1' });
const active = (n: number, change = {}) => fold(credentialDecider, [issued(n, change)]);
const after = (n: number, event: CredentialEvent) => fold(credentialDecider, [issued(n), event]);
const revoked = (n: number, reason: RevocationReason = 'fraud', supersededBy?: string) =>
  after(n, {
    type: 'CredentialRevoked',
    data: { ...ref(n), reason, ...(supersededBy ? { supersededBy } : {}) },
  });
const suspended = (n: number) =>
  after(n, { type: 'CredentialSuspended', data: { ...ref(n), reason: 'under-investigation' } });

const stack = { stackId: 'stack-1', issuerId: 'uni-1' };
const awarded: StackEvent = {
  type: 'StackedCredentialAwarded',
  data: {
    ...stack,
    pathwayId: 'path-1',
    learnerId: 'learner-1',
    componentCredentialIds: ['cred-1', 'cred-2', 'cred-3'],
    totalEcts: 15,
    awardedAt: FIXED_NOW,
  },
};
const lost3: StackEvent = {
  type: 'StackComponentLost',
  data: {
    ...stack,
    componentCredentialId: 'cred-3',
    reason: 'fraud',
    componentCredentialIds: ['cred-1', 'cred-2'],
    totalEcts: 10,
  },
};
const suspendedBy = (...ids: string[]): StackEvent => ({
  type: 'StackedCredentialSuspended',
  data: { ...stack, suspendedComponentIds: ids },
});
const invalidatedBy = (id: string): StackEvent => ({
  type: 'StackedCredentialInvalidated',
  data: { ...stack, reason: 'component-revoked', componentCredentialId: id },
});

const reconcile = (
  changed: string,
  components = [active(1), active(2), active(3)],
  replacementCredentialId?: string,
) =>
  command('ReconcileStackedCredential', {
    stackId: 'stack-1',
    componentCredentialId: changed,
    ...(replacementCredentialId ? { replacementCredentialId } : {}),
    context: { pathway, components },
  });

describe('Stack decider: ReconcileStackedCredential', () => {
  describe('a revoked component', () => {
    it('is lost when the rest still complete the pathway: a 2-of stack survives its spare', () =>
      given([awarded])
        .when(reconcile('cred-3', [active(1), active(2), revoked(3)]))
        .then([lost3]));

    it('invalidates the stack when the rest no longer complete it', () =>
      given([awarded, lost3])
        .when(reconcile('cred-2', [active(1), revoked(2)]))
        .then([invalidatedBy('cred-2')]));

    it('invalidates a stack whose ECTS floor the rest no longer reach', () =>
      given([
        {
          ...awarded,
          data: { ...awarded.data, componentCredentialIds: ['cred-1', 'cred-2'], totalEcts: 10 },
        },
      ])
        .when(
          command('ReconcileStackedCredential', {
            stackId: 'stack-1',
            componentCredentialId: 'cred-2',
            context: {
              pathway: fold(pathwayDecider, [
                pathwayPublished({ completion: { kind: 'n-of', n: 1 }, minimumEcts: 10 }),
              ]),
              components: [active(1), revoked(2)],
            },
          }),
        )
        .then([invalidatedBy('cred-2')]));

    it('does not count a second revoked component still waiting for its own reconciliation', () =>
      given([awarded])
        .when(reconcile('cred-3', [active(1), revoked(2), revoked(3)]))
        .then([invalidatedBy('cred-3')]));

    it('takes the earliest end of the components that remain', () =>
      given([{ ...awarded, data: { ...awarded.data, validUntil: '2026-01-01T00:00:00Z' } }])
        .when(
          reconcile('cred-3', [
            active(1, { validUntil: '2027-01-01T00:00:00Z' }),
            active(2),
            fold(credentialDecider, [
              issued(3, { validUntil: '2026-01-01T00:00:00Z' }),
              { type: 'CredentialRevoked', data: { ...ref(3), reason: 'fraud' } },
            ]),
          ]),
        )
        .then([{ ...lost3, data: { ...lost3.data, validUntil: '2027-01-01T00:00:00Z' } }]));

    it("keeps the pathway's validity from the award, whatever remains", () =>
      given([awarded])
        .when(
          command('ReconcileStackedCredential', {
            stackId: 'stack-1',
            componentCredentialId: 'cred-3',
            context: {
              pathway: fold(pathwayDecider, [
                pathwayPublished({
                  components: ['spec-1', 'spec-2', 'spec-3'],
                  completion: { kind: 'n-of', n: 2 },
                  stackValidity: 'P1Y',
                }),
              ]),
              components: [active(1, { validUntil: '2025-12-01T00:00:00Z' }), active(2), revoked(3)],
            },
          }),
        )
        .then([{ ...lost3, data: { ...lost3.data, validUntil: '2026-06-01T12:00:00.000Z' } }]));

    it('is a no-op once followed, and on an invalidated stack', () => {
      given([awarded, lost3])
        .when(reconcile('cred-3', [active(1), active(2)]))
        .thenNothing();
      given([awarded, invalidatedBy('cred-3')])
        .when(reconcile('cred-3', []))
        .thenNothing();
    });
  });

  describe('a superseded component', () => {
    const replacement = active(4, { specificationId: 'spec-3', validUntil: '2028-01-01T00:00:00Z' });
    const replaced: StackEvent = {
      type: 'StackComponentReplaced',
      data: {
        ...stack,
        componentCredentialId: 'cred-3',
        replacementCredentialId: 'cred-4',
        componentCredentialIds: ['cred-1', 'cred-2', 'cred-4'],
        totalEcts: 15,
        validUntil: '2028-01-01T00:00:00Z',
      },
    };
    const superseded3 = revoked(3, 'superseded', 'cred-4');

    it('is replaced by its re-issue', () =>
      given([awarded])
        .when(reconcile('cred-3', [active(1), active(2), superseded3, replacement], 'cred-4'))
        .then([replaced]));

    it('is a no-op once replaced', () =>
      given([awarded, replaced])
        .when(reconcile('cred-3', [active(1), active(2), replacement], 'cred-4'))
        .thenNothing());

    it.each([
      ['for another specification', active(4, { specificationId: 'spec-9' })],
      ["of another learner's", active(4, { specificationId: 'spec-3', learner: { id: 'x' } })],
      ['that is missing', fold(credentialDecider, [])],
    ])('is lost when the re-issue is %s', (_, other) =>
      given([awarded])
        .when(reconcile('cred-3', [active(1), active(2), superseded3, other], 'cred-4'))
        .then([{ ...lost3, data: { ...lost3.data, reason: 'superseded' } }]),
    );
  });

  describe('a suspended component', () => {
    const twoOf2 = {
      ...awarded,
      data: { ...awarded.data, componentCredentialIds: ['cred-1', 'cred-2'], totalEcts: 10 },
    };

    it('suspends the stack when the pathway fails without it', () =>
      given([twoOf2])
        .when(reconcile('cred-2', [active(1), suspended(2)]))
        .then([suspendedBy('cred-2')]));

    it('leaves the stack alone while a spare can stand in', () =>
      given([awarded])
        .when(reconcile('cred-3', [active(1), active(2), suspended(3)]))
        .thenNothing());

    it('reinstates the stack once reinstated', () =>
      given([twoOf2, suspendedBy('cred-2')])
        .when(
          reconcile('cred-2', [
            active(1),
            fold(credentialDecider, [
              issued(2),
              { type: 'CredentialSuspended', data: { ...ref(2), reason: 'under-investigation' } },
              { type: 'CredentialReinstated', data: ref(2) },
            ]),
          ]),
        )
        .then([{ type: 'StackedCredentialReinstated', data: stack }]));

    it('stays suspended while another needed component is still suspended', () =>
      given([twoOf2, suspendedBy('cred-1', 'cred-2')])
        .when(reconcile('cred-2', [suspended(1), active(2)]))
        .thenNothing());

    it('is invalidated when a suspended stack loses a needed component for good', () =>
      given([twoOf2, suspendedBy('cred-2')])
        .when(reconcile('cred-2', [active(1), revoked(2)]))
        .then([invalidatedBy('cred-2')]));

    it('is suspended by the spare it relies on after losing a component', () =>
      given([awarded])
        .when(reconcile('cred-3', [active(1), suspended(2), revoked(3)]))
        .then([lost3, suspendedBy('cred-2')]));
  });

  it('refuses an unknown stack', () =>
    given([]).when(reconcile('cred-1')).thenThrows('stack.not-found', 'not-found'));

  it('refuses a credential that is not a component', () =>
    given([awarded]).when(reconcile('cred-9')).thenThrows('stack.component-unknown', 'invalid'));
});
