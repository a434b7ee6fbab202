import { commandsFor, DeciderSpecification } from '@credence/testing';
import type { PrincipalCommand } from './commands';
import { principalsDecider } from './decider';
import type { PrincipalCreated } from './events';

const given = DeciderSpecification.for(principalsDecider);
const admin = { id: 'admin-1', role: 'admin' } as const;
const command = commandsFor<PrincipalCommand>({ principal: admin, now: '2026-03-01T10:00:00Z' });
const desk = { principalId: 'p-1', role: 'issuer', issuerId: 'uni-1', name: 'registrar' } as const;
const binding = { principalId: 'p-1', role: 'issuer', issuerId: 'uni-1' } as const;
const created: PrincipalCreated = {
  type: 'PrincipalCreated',
  data: { ...desk, by: 'admin-1', at: '2026-01-01T00:00:00Z' },
};

describe('principals decider: access changes as events, with the acting admin and the time', () => {
  it('records a creation with role, binding, actor and time, and nothing secret', () =>
    given([])
      .when(command('CreatePrincipal', desk))
      .then([{ type: 'PrincipalCreated', data: { ...desk, by: 'admin-1', at: '2026-03-01T10:00:00Z' } }]));
  it('is a no-op when the same principal is created again (a retry)', () =>
    given([created]).when(command('CreatePrincipal', desk)).thenNothing());
  it('refuses the same id with another binding', () =>
    given([created])
      .when(command('CreatePrincipal', { ...desk, issuerId: 'uni-2' }))
      .thenThrows('principal.exists', 'conflict'));
  it('records a disabling with the binding and the reason', () =>
    given([created])
      .when(command('DisablePrincipal', { principalId: 'p-1', reason: 'withdrawn' }))
      .then([
        {
          type: 'PrincipalDisabled',
          data: { ...binding, by: 'admin-1', at: '2026-03-01T10:00:00Z', reason: 'withdrawn' },
        },
      ]));
  it('is a no-op when disabling a disabled principal', () =>
    given([
      created,
      { type: 'PrincipalDisabled', data: { ...binding, by: 'a', at: 'x', reason: 'withdrawn' } },
    ])
      .when(command('DisablePrincipal', { principalId: 'p-1', reason: 'withdrawn' }))
      .thenNothing());
  it('records every rotation', () =>
    given([created])
      .when(command('RotatePrincipalToken', { principalId: 'p-1' }))
      .then([
        { type: 'PrincipalTokenRotated', data: { ...binding, by: 'admin-1', at: '2026-03-01T10:00:00Z' } },
      ]));
  it('refuses a rotation of a disabled principal', () =>
    given([
      created,
      { type: 'PrincipalDisabled', data: { ...binding, by: 'a', at: 'x', reason: 'withdrawn' } },
    ])
      .when(command('RotatePrincipalToken', { principalId: 'p-1' }))
      .thenThrows('principal.disabled', 'conflict'));
  it('refuses changes to an unknown principal', () =>
    given([])
      .when(command('DisablePrincipal', { principalId: 'p-9', reason: 'withdrawn' }))
      .thenThrows('principal.not-found', 'not-found'));
  it('lets only an admin act', () =>
    given([])
      .when(command('CreatePrincipal', desk, { principal: { id: 'i', role: 'issuer', issuerId: 'uni-1' } }))
      .thenThrows('principal.admin-only', 'forbidden'));
});
