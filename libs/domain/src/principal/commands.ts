import type { Command } from '../core';
import type { PrincipalCreated, PrincipalDisabled } from './events';

/** `by` and `at` come from the metadata (the acting principal, `now`), never from the request. */
export type CreatePrincipal = Command<'CreatePrincipal', Omit<PrincipalCreated['data'], 'by' | 'at'>>;
export type DisablePrincipal = Command<
  'DisablePrincipal',
  Readonly<{ principalId: string; reason: PrincipalDisabled['data']['reason'] }>
>;
export type RotatePrincipalToken = Command<'RotatePrincipalToken', Readonly<{ principalId: string }>>;

export type PrincipalCommand = CreatePrincipal | DisablePrincipal | RotatePrincipalToken;
