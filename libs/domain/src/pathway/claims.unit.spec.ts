import { commandsFor, DeciderSpecification } from '@credence/testing';
import { actingAs, OTHER_ISSUER, pathwayPublished } from '../test-fixtures';
import type { PathwayCommand } from './commands';
import { pathwayDecider } from './decider';
import type { PathwayEvent } from './events';

const given = DeciderSpecification.for(pathwayDecider);
const command = commandsFor<PathwayCommand>(actingAs());
const award = { commandId: 'award-1', learnerId: 'learner-1' };
const claim = (stackId: string, componentCredentialIds: string[], metadata = {}) =>
  command('ClaimStackComponents', { pathwayId: 'path-1', stackId, componentCredentialIds, award }, metadata);
const release = (stackId: string, componentCredentialIds: string[]) =>
  command('ReleaseStackComponents', { pathwayId: 'path-1', stackId, componentCredentialIds });
const claimed = (stackId: string, componentCredentialIds: string[]): PathwayEvent => ({
  type: 'PathwayComponentsClaimed',
  data: { pathwayId: 'path-1', issuerId: 'uni-1', stackId, componentCredentialIds, award },
});
const released = (stackId: string, componentCredentialIds: string[]): PathwayEvent => ({
  type: 'PathwayComponentsReleased',
  data: { pathwayId: 'path-1', issuerId: 'uni-1', stackId, componentCredentialIds },
});
const published = pathwayPublished();

describe('Pathway decider: a credential backs at most one stack per pathway', () => {
  it('claims the components for a stack', () =>
    given([published])
      .when(claim('stack-1', ['cred-1', 'cred-2']))
      .then([claimed('stack-1', ['cred-1', 'cred-2'])]));

  it('is a no-op when the stack holds them already (a retry or a recovery)', () =>
    given([published, claimed('stack-1', ['cred-1', 'cred-2'])])
      .when(claim('stack-1', ['cred-2', 'cred-1']))
      .thenNothing());

  it('refuses a component that backs another stack, naming the stack', () =>
    given([published, claimed('stack-1', ['cred-1', 'cred-2'])])
      .when(claim('stack-2', ['cred-2', 'cred-3']))
      .thenThrows('stack.component-reused', 'conflict', {
        components: [{ credentialId: 'cred-2', stackId: 'stack-1' }],
      }));

  it('lets a released component back another stack', () =>
    given([published, claimed('stack-1', ['cred-1', 'cred-2']), released('stack-1', ['cred-1', 'cred-2'])])
      .when(claim('stack-2', ['cred-2']))
      .then([claimed('stack-2', ['cred-2'])]));

  it('releases only what the stack holds, and nothing twice', () => {
    given([published, claimed('stack-1', ['cred-1']), claimed('stack-2', ['cred-2'])])
      .when(release('stack-1', ['cred-1', 'cred-2']))
      .then([released('stack-1', ['cred-1'])]);
    given([published, claimed('stack-1', ['cred-1']), released('stack-1', ['cred-1'])])
      .when(release('stack-1', ['cred-1']))
      .thenNothing();
  });

  it("forbids claiming on another issuer's pathway", () =>
    given([published])
      .when(claim('stack-1', ['cred-1'], actingAs(OTHER_ISSUER)))
      .thenThrows('issuer.not-owner', 'forbidden'));

  it('refuses an unknown pathway', () =>
    given([])
      .when(claim('stack-1', ['cred-1']))
      .thenThrows('pathway.not-found', 'not-found'));

  it('still republishes identically as a no-op once components are claimed', () => {
    const { issuerId: _issuerId, ...definition } = published.data;
    given([published, claimed('stack-1', ['cred-1'])])
      .when(command('PublishPathway', { ...definition, context: { components: [] } }))
      .thenNothing();
  });
});
