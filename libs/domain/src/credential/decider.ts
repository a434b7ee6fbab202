import { conflict, invalid, notFound, type Decider } from '../core';
import { assertContextFor, assertMayActOn, exhaustive, forbidden } from '../guards';
import { assertAccredits } from '../qa-body/authority';
import type { CredentialCommand } from './commands';
import { REVOCATION_REASONS, SUSPENSION_REASONS, type CredentialEvent } from './events';
import { resolveEffectiveAt } from './effective';
import { issue } from './issue';
import {
  evolveCredential,
  initialCredentialState,
  type CredentialState,
  type IssuedCredentialState,
} from './state';

type Lifecycle = Exclude<CredentialCommand, { type: 'IssueCredential' }>;

const existing = (command: Lifecycle, state: CredentialState): IssuedCredentialState => {
  const { data, metadata } = command;
  if (state.status === 'absent')
    throw notFound('credential.not-found', `Credential ${data.credentialId} is unknown`);
  assertMayActOn(metadata, 'credential', data.credentialId, {
    id: state.credentialId,
    issuerId: state.issuerId,
  });
  const { issuer } = data.context;
  assertContextFor('issuer', state.issuerId, issuer.status === 'registered' ? issuer.issuerId : undefined);
  if (metadata.principal.role === 'qa-body' && command.type === 'RevokeCredential') {
    throw forbidden(
      'credential.revocation-by-awarding-body',
      "Revocation is the awarding issuer's act, not a QA body's",
    );
  }
  assertAccredits(metadata, issuer);
  return state;
};

const assertKnownReason = (reason: string, known: readonly string[]) => {
  if (!known.includes(reason)) {
    throw invalid('credential.reason-unknown', `Unknown reason ${reason}`, { reason, known });
  }
};

const revokedConflict = (credentialId: string) =>
  conflict('credential.revoked', `Credential ${credentialId} is revoked; revocation is final`);

/**
 * Suspension is reversible, revocation final. Issuer principals act on their own credentials; a QA
 * body suspends and reinstates those of issuers it accredits or has accredited, and never revokes.
 */
const changeStatus = (command: Lifecycle, state: CredentialState): CredentialEvent[] => {
  const credential = existing(command, state);
  const { credentialId, note } = command.data;
  const { issuerId } = credential;
  switch (command.type) {
    case 'SuspendCredential': {
      const { reason } = command.data;
      assertKnownReason(reason, SUSPENSION_REASONS);
      if (credential.status === 'revoked') throw revokedConflict(credentialId);
      if (credential.status === 'suspended') return [];
      const effective = resolveEffectiveAt(command, credential);
      return [{ type: 'CredentialSuspended', data: { credentialId, issuerId, reason, note, ...effective } }];
    }
    case 'ReinstateCredential':
      if (credential.status === 'revoked') throw revokedConflict(credentialId);
      if (credential.status === 'active') return [];
      return [
        {
          type: 'CredentialReinstated',
          data: { credentialId, issuerId, note, ...resolveEffectiveAt(command, credential) },
        },
      ];
    case 'RevokeCredential': {
      const { reason } = command.data;
      assertKnownReason(reason, REVOCATION_REASONS);
      if (credential.status === 'revoked') return [];
      const { supersededBy } = command.data;
      if (supersededBy !== undefined && reason !== 'superseded') {
        throw invalid('credential.superseded-reason', 'A superseded credential is revoked for `superseded`', {
          reason,
        });
      }
      const effective = resolveEffectiveAt(command, credential);
      return [
        {
          type: 'CredentialRevoked',
          data: {
            credentialId,
            issuerId,
            reason,
            note,
            ...effective,
            ...(supersededBy ? { supersededBy } : {}),
          },
        },
      ];
    }
    default:
      return exhaustive(command);
  }
};

export const decideCredential = (command: CredentialCommand, state: CredentialState): CredentialEvent[] =>
  command.type === 'IssueCredential' ? issue(command, state) : changeStatus(command, state);

export const credentialDecider: Decider<CredentialState, CredentialCommand, CredentialEvent> = {
  decide: decideCredential,
  evolve: evolveCredential,
  initialState: initialCredentialState,
};
