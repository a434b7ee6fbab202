import { conflict, notFound } from '../core';
import { assertMayActOn } from '../guards';
import type { ClaimStackComponents, ReleaseStackComponents } from './commands';
import type { PathwayEvent } from './events';
import type { PathwayState } from './state';

const publishedPathway = (
  { data, metadata }: ClaimStackComponents | ReleaseStackComponents,
  state: PathwayState,
) => {
  if (state.status === 'absent') throw notFound('pathway.not-found', `Pathway ${data.pathwayId} is unknown`);
  assertMayActOn(metadata, 'pathway', data.pathwayId, { id: state.pathwayId, issuerId: state.issuerId });
  return state;
};

/**
 * A credential backs at most one stack per pathway: 409 `stack.component-reused` naming the stacks
 * that hold any of them; a no-op when this stack holds them all already (a retry or a recovery).
 */
export const claimComponents = (command: ClaimStackComponents, state: PathwayState): PathwayEvent[] => {
  const pathway = publishedPathway(command, state);
  const { pathwayId, stackId, componentCredentialIds, award } = command.data;
  const held = componentCredentialIds
    .filter((id) => pathway.claims[id] !== undefined && pathway.claims[id] !== stackId)
    .map((credentialId) => ({ credentialId, stackId: pathway.claims[credentialId] }));
  if (held.length > 0) {
    throw conflict(
      'stack.component-reused',
      `Components already back another stack on pathway ${pathwayId}`,
      {
        components: held,
      },
    );
  }
  if (componentCredentialIds.every((id) => pathway.claims[id] === stackId)) return [];
  const data = { pathwayId, issuerId: pathway.issuerId, stackId, componentCredentialIds, award };
  return [{ type: 'PathwayComponentsClaimed', data }];
};

/** Releases what this stack holds of the listed components; a no-op when it holds none of them. */
export const releaseComponents = (command: ReleaseStackComponents, state: PathwayState): PathwayEvent[] => {
  const pathway = publishedPathway(command, state);
  const { pathwayId, stackId } = command.data;
  const componentCredentialIds = command.data.componentCredentialIds.filter(
    (id) => pathway.claims[id] === stackId,
  );
  if (componentCredentialIds.length === 0) return [];
  const data = { pathwayId, issuerId: pathway.issuerId, stackId, componentCredentialIds };
  return [{ type: 'PathwayComponentsReleased', data }];
};
