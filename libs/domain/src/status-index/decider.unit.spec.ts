import { commandsFor, DeciderSpecification } from '@credence/testing';
import { actingAs, OTHER_ISSUER } from '../test-fixtures';
import type { StatusIndexCommand } from './commands';
import { statusIndexDecider } from './decider';
import { STATUS_LIST_LENGTH } from './events';
import type { StatusIndexState } from './state';

const given = DeciderSpecification.for(statusIndexDecider);
const command = commandsFor<StatusIndexCommand>(actingAs());
const position = { issuerId: 'uni-1', purpose: 'revocation', list: 0, index: 94_567 } as const;
const free = { status: 'free' } as const;
const claim = (credentialId: string, change: object = {}, twin: StatusIndexState = free) =>
  command('ClaimStatusIndex', { ...position, credentialId, context: { twin }, ...change });
const claimed = (credentialId: string, purpose: 'revocation' | 'suspension' = 'revocation') =>
  ({ type: 'StatusIndexClaimed', data: { ...position, purpose, credentialId } }) as const;

describe('Status index decider', () => {
  it('claims a free index for the credential', () =>
    given([])
      .when(claim('cred-1'))
      .then([claimed('cred-1')]));
  it('is a no-op when the same credential claims it again (a retried issuance)', () =>
    given([claimed('cred-1')])
      .when(claim('cred-1'))
      .thenNothing());
  it('refuses an index another credential holds: the loser draws again', () =>
    given([claimed('cred-1')])
      .when(claim('cred-2'))
      .thenThrows('status-index.taken', 'conflict'));
  it('refuses an index outside the list, a negative list and an unknown purpose', () => {
    given([])
      .when(claim('cred-1', { index: STATUS_LIST_LENGTH }))
      .thenThrows('status-index.invalid', 'invalid');
    given([])
      .when(claim('cred-1', { list: -1 }))
      .thenThrows('status-index.invalid', 'invalid');
    given([])
      .when(claim('cred-1', { purpose: 'refresh' }))
      .thenThrows('status-index.invalid', 'invalid');
  });
  it("refuses an issuer principal claiming in another issuer's list", () =>
    given([])
      .when(
        commandsFor<StatusIndexCommand>(actingAs(OTHER_ISSUER))('ClaimStatusIndex', {
          ...position,
          credentialId: 'c',
          context: { twin: free },
        }),
      )
      .thenThrows('issuer.not-owner', 'forbidden'));

  it('refuses a suspension index whose revocation twin holds a joint claim (it holds this bit too), and leaves a revocation claim to its own stream', () => {
    const joint: StatusIndexState = {
      status: 'claimed',
      issuerId: 'uni-1',
      list: 0,
      index: 94_567,
      purposes: ['revocation', 'suspension'],
      credentialId: 'cred-9',
    };
    given([])
      .when(claim('cred-1', { purpose: 'suspension' }, joint))
      .thenThrows('status-index.taken', 'conflict');
    given([])
      .when(claim('cred-1', { purpose: 'suspension' }, { ...joint, purposes: ['revocation'] }))
      .then([claimed('cred-1', 'suspension')]);
    given([])
      .when(claim('cred-1', {}, { ...joint, purposes: ['suspension'] }))
      .then([claimed('cred-1')]);
  });

  describe('both lists at once', () => {
    const pair = { issuerId: 'uni-1', list: 0, index: 94_567 } as const;
    const claimBoth = (credentialId: string, suspension: StatusIndexState = free, change: object = {}) =>
      command('ClaimStatusIndexes', { ...pair, credentialId, context: { suspension }, ...change });
    const claimedBoth = (credentialId: string) =>
      ({
        type: 'StatusIndexesClaimed',
        data: { ...pair, purposes: ['revocation', 'suspension'], credentialId },
      }) as const;
    const heldBySuspension: StatusIndexState = {
      status: 'claimed',
      issuerId: 'uni-1',
      list: 0,
      index: 94_567,
      purposes: ['suspension'],
      credentialId: 'cred-9',
    };

    it('claims the index in both lists when both are free, in one event', () =>
      given([])
        .when(claimBoth('cred-1'))
        .then([claimedBoth('cred-1')]));
    it('is a no-op when the same credential claims the pair again (a retried issuance)', () =>
      given([claimedBoth('cred-1')])
        .when(claimBoth('cred-1'))
        .thenNothing());
    it('is a no-op on a revocation index this credential claimed alone (an issuance recovered across the change): the state says which lists it holds', () =>
      given([claimed('cred-1')])
        .when(claimBoth('cred-1'))
        .thenNothing());
    it('refuses a pair another credential holds, jointly or by its revocation claim alone', () => {
      given([claimedBoth('cred-1')])
        .when(claimBoth('cred-2'))
        .thenThrows('status-index.taken', 'conflict');
      given([claimed('cred-1')])
        .when(claimBoth('cred-2'))
        .thenThrows('status-index.taken', 'conflict');
    });
    it('refuses a free revocation index whose suspension twin an older claim holds: the walk draws on', () =>
      given([]).when(claimBoth('cred-1', heldBySuspension)).thenThrows('status-index.taken', 'conflict'));
    it('refuses an index outside the list and a negative list', () => {
      given([])
        .when(claimBoth('cred-1', free, { index: STATUS_LIST_LENGTH }))
        .thenThrows('status-index.invalid', 'invalid');
      given([])
        .when(claimBoth('cred-1', free, { list: -1 }))
        .thenThrows('status-index.invalid', 'invalid');
    });
    it("refuses an issuer principal claiming in another issuer's lists", () =>
      given([])
        .when(
          commandsFor<StatusIndexCommand>(actingAs(OTHER_ISSUER))('ClaimStatusIndexes', {
            ...pair,
            credentialId: 'c',
            context: { suspension: free },
          }),
        )
        .thenThrows('issuer.not-owner', 'forbidden'));
  });

  describe('state', () => {
    it("holds the purposes of the claim that stands: the stream's own for an older claim, both for a joint one", () => {
      const fold = (events: Parameters<typeof statusIndexDecider.evolve>[1][]) =>
        events.reduce(statusIndexDecider.evolve, statusIndexDecider.initialState());
      expect(fold([claimed('cred-1')])).toMatchObject({ status: 'claimed', purposes: ['revocation'] });
      expect(
        fold([
          {
            type: 'StatusIndexesClaimed',
            data: { ...position, purposes: ['revocation', 'suspension'], credentialId: 'cred-2' },
          },
          claimed('cred-3'),
        ]),
      ).toMatchObject({ status: 'claimed', purposes: ['revocation', 'suspension'], credentialId: 'cred-2' });
    });
  });
});
