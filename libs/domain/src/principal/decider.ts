import { conflict, type Decider, notFound } from '../core';
import { definedOnly, sameValue } from '../equality';
import { forbidden, requireText } from '../guards';
import type { PrincipalCommand } from './commands';
import type { PrincipalChange, PrincipalEvent } from './events';
import {
  evolvePrincipals,
  initialPrincipalsState,
  type PrincipalRecord,
  type PrincipalsState,
} from './state';

const change = (record: PrincipalRecord, by: string, at: string): PrincipalChange => ({
  principalId: record.principalId,
  role: record.role,
  ...definedOnly({ issuerId: record.issuerId, qaBodyId: record.qaBodyId }),
  by,
  at,
});

/**
 * Access is granted and withdrawn by admins only. Creating the same principal again, or disabling a
 * disabled one, changes nothing (a retry after a crash); a rotation is always a new token.
 */
export const decidePrincipals = (command: PrincipalCommand, state: PrincipalsState): PrincipalEvent[] => {
  const { principal, now } = command.metadata;
  if (principal.role !== 'admin')
    throw forbidden('principal.admin-only', 'Only an admin may grant or withdraw access');
  const known = state.principals[command.data.principalId];
  switch (command.type) {
    case 'CreatePrincipal': {
      requireText(command.data.name, 'principal.name-required', 'name');
      const details = definedOnly({ ...command.data });
      if (!known) return [{ type: 'PrincipalCreated', data: { ...details, by: principal.id, at: now } }];
      const { createdAt: _c, disabledAt: _d, rotations: _r, ...recorded } = known;
      if (sameValue(recorded, details)) return [];
      throw conflict('principal.exists', `Principal ${command.data.principalId} exists with other details`);
    }
    case 'DisablePrincipal':
      if (!known) throw notFound('principal.not-found', `Principal ${command.data.principalId} is unknown`);
      if (known.disabledAt) return [];
      return [
        {
          type: 'PrincipalDisabled',
          data: { ...change(known, principal.id, now), reason: command.data.reason },
        },
      ];
    case 'RotatePrincipalToken':
      if (!known) throw notFound('principal.not-found', `Principal ${command.data.principalId} is unknown`);
      if (known.disabledAt)
        throw conflict('principal.disabled', `Principal ${command.data.principalId} is disabled`);
      return [{ type: 'PrincipalTokenRotated', data: change(known, principal.id, now) }];
    default: {
      const unknown: never = command;
      return unknown;
    }
  }
};

export const principalsDecider: Decider<PrincipalsState, PrincipalCommand, PrincipalEvent> = {
  decide: decidePrincipals,
  evolve: evolvePrincipals,
  initialState: initialPrincipalsState,
};
