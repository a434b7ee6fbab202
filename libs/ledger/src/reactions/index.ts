import type { Reaction } from '../reactor';
import { annulmentCascade } from './annulment-cascade';
import { issuanceRecovery } from './issuance-recovery';
import { stackClaims } from './stack-claims';
import { stackInvalidation } from './stack-invalidation';

export { annulmentCascade, issuanceRecovery, stackClaims, stackInvalidation };

/** What the ledger does by itself, in the order it does it for each event. */
export const LEDGER_REACTIONS: readonly Reaction[] = [
  issuanceRecovery,
  annulmentCascade,
  stackClaims,
  stackInvalidation,
];
