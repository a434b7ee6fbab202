import { commandsFor, DeciderSpecification } from '@credence/testing';
import { actingAs, OTHER_ISSUER } from '../test-fixtures';
import type { StatusIndexCommand } from './commands';
import { statusIndexDecider } from './decider';
import { STATUS_LIST_LENGTH } from './events';

const given = DeciderSpecification.for(statusIndexDecider);
const command = commandsFor<StatusIndexCommand>(actingAs());
const position = { issuerId: 'uni-1', purpose: 'revocation', list: 0, index: 94_567 } as const;
const claim = (credentialId: string, change: object = {}) =>
  command('ClaimStatusIndex', { ...position, credentialId, ...change });
const claimed = (credentialId: string) =>
  ({ type: 'StatusIndexClaimed', data: { ...position, credentialId } }) as const;

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
        }),
      )
      .thenThrows('issuer.not-owner', 'forbidden'));
});
