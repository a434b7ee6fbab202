import type { Reaction } from '../reactor';
import { annulmentCascade } from './annulment-cascade';
import { issuanceRecovery } from './issuance-recovery';
import { stackInvalidation } from './stack-invalidation';

export { annulmentCascade, issuanceRecovery, stackInvalidation };

/** What the ledger does by itself, in the order it does it for each event. */
export const LEDGER_REACTIONS: readonly Reaction[] = [issuanceRecovery, annulmentCascade, stackInvalidation];
