import { ForbiddenException } from '@nestjs/common';
import type { Principal } from '@credence/domain';

/** Reads of issuer-owned resources: an issuer sees its own; other permitted roles see all. */
export const assertMayRead = (principal: Principal, ownerIssuerId: string | undefined): void => {
  if (principal.role === 'issuer' && principal.issuerId !== ownerIssuerId) {
    throw new ForbiddenException('An issuer may read only its own resources');
  }
};
