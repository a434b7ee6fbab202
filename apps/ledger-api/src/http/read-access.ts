import { NotFoundException } from '@nestjs/common';
import type { Principal } from '@credence/domain';

export const mayRead = (principal: Principal, ownerIssuerId: string | undefined): boolean =>
  principal.role !== 'issuer' || principal.issuerId === ownerIssuerId;

/**
 * Reads of issuer-owned resources: an issuer sees its own; other permitted roles see all. Another
 * issuer's resource answers exactly like an unknown id (`existing()` in responses.ts), so an
 * issuer cannot learn which ids exist.
 */
export const assertMayRead = (
  principal: Principal,
  ownerIssuerId: string | undefined,
  what: string,
  id: string,
): void => {
  if (!mayRead(principal, ownerIssuerId)) throw new NotFoundException(`${what} ${id} does not exist`);
};
