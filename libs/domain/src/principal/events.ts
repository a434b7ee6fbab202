import type { Event } from '../core';
import type { Role } from '../core/message';

/**
 * Who was given which access: the role and its binding (issuer or QA body), who acted (`by`, the
 * admin's principal id, or `system:…`) and when (`at`). Never the token, nor its hash: the hash stays
 * in the principal store, so auditors can read the log without seeing a secret.
 */
export type PrincipalChange = Readonly<{
  principalId: string;
  role: Role;
  issuerId?: string;
  qaBodyId?: string;
  by: string;
  at: string;
}>;

export type PrincipalCreated = Event<
  'PrincipalCreated',
  PrincipalChange & Readonly<{ name: string; expiresAt?: string }>
>;

/**
 * `withdrawn`: an admin disabled it. `not-stored`: the start-up reconciliation found the creation in
 * the log but not in the principal store, so its token was never handed out (docs/security.md).
 */
export type PrincipalDisabled = Event<
  'PrincipalDisabled',
  PrincipalChange & Readonly<{ reason: 'withdrawn' | 'not-stored' }>
>;

/** The old token stops working; the new one was shown once and is known only by its hash. */
export type PrincipalTokenRotated = Event<'PrincipalTokenRotated', PrincipalChange>;

export type PrincipalEvent = PrincipalCreated | PrincipalDisabled | PrincipalTokenRotated;
