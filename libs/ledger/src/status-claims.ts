import { hash } from 'node:crypto';
import {
  type CommandMetadata,
  DomainError,
  STATUS_LIST_LENGTH,
  STATUS_PURPOSES,
  type StatusPosition,
  type StatusPurpose,
  statusIndexDecider,
  statusIndexKey,
  type StatusIndexState,
  streamId,
} from '@credence/domain';
import { stepMetadata } from './issuance';
import type { Ledger } from './ledger';

/** Draws per list before the walk moves on: a list is "full" once this many random draws hit taken indexes. */
export const DRAWS_PER_LIST = 16;

/**
 * The walk's n-th candidate: a uniform index derived from the issuance's command id, which is
 * random (a UUID), so the index says nothing about issue order; derived, not drawn, so a retried
 * or recovered issuance walks the same candidates and finds its own claims again.
 */
export const candidateIndex = (
  issuanceCommandId: string,
  purpose: StatusPurpose,
  list: number,
  draw: number,
) =>
  hash('sha256', `${issuanceCommandId}\u0000${purpose}\u0000${list}\u0000${draw}`, 'buffer').readUInt32BE(0) %
  STATUS_LIST_LENGTH; // 2^17 divides 2^32: uniform

type Visit = (position: StatusPosition, draw: number) => Promise<'mine' | 'taken' | 'stop'>;

/**
 * List 0 first; `DRAWS_PER_LIST` taken candidates in a row open the next list. Claims are never
 * released, so the walk is a pure function of the command id and the recorded claims: issuance
 * and lookup take the same path.
 */
const walk = async (issuanceCommandId: string, purpose: StatusPurpose, visit: Visit) => {
  for (let list = 0; ; list += 1) {
    for (let draw = 0; draw < DRAWS_PER_LIST; draw += 1) {
      const position = { purpose, list, index: candidateIndex(issuanceCommandId, purpose, list, draw) };
      const seen = await visit(position, draw);
      if (seen === 'mine') return position;
      if (seen === 'stop') return undefined;
    }
  }
};

/**
 * Claims one revocation and one suspension index for the credential, each on the index's own
 * stream (libs/domain/README.md): of two issuances racing for an index, the store's expected
 * version lets one win; the other is refused with `status-index.taken` and draws again. The two
 * walks are independent, so they run side by side and their appends share a group commit; both
 * are settled before a failure is passed on, so none is still in flight when the issuance's
 * reservations are released.
 */
export const claimStatusPositions = async (
  ledger: Ledger,
  issuance: CommandMetadata,
  issuerId: string,
  credentialId: string,
): Promise<StatusPosition[]> => {
  const claims = await Promise.allSettled(
    STATUS_PURPOSES.map((purpose) =>
      walk(issuance.commandId, purpose, async (position) => {
        try {
          await ledger.handle({
            type: 'ClaimStatusIndex',
            data: { ...position, issuerId, credentialId },
            metadata: stepMetadata(issuance, `status:${purpose}:${position.list}:${position.index}`),
          });
          return 'mine';
        } catch (error) {
          if (error instanceof DomainError && error.code === 'status-index.taken') return 'taken';
          throw error;
        }
      }),
    ),
  );
  const failed = claims.find((claim) => claim.status === 'rejected');
  if (failed) throw failed.reason;
  return claims.map((claim) => (claim as PromiseFulfilledResult<StatusPosition | undefined>).value!);
};

/**
 * The positions an issuance claimed, read back by walking its candidates; none for a credential
 * issued before status lists existed (its first candidate is free).
 */
export const findStatusPositions = async (
  ledger: Ledger,
  issuanceCommandId: string,
  issuerId: string,
  credentialId: string,
): Promise<StatusPosition[]> => {
  const positions: StatusPosition[] = [];
  for (const purpose of STATUS_PURPOSES) {
    const found = await walk(issuanceCommandId, purpose, async (position) => {
      const { state } = await ledger.load<StatusIndexState>(
        statusIndexDecider,
        streamId('status-index', statusIndexKey(issuerId, position)),
      );
      if (state.status === 'free') return 'stop';
      return state.credentialId === credentialId && state.issuerId === issuerId ? 'mine' : 'taken';
    });
    if (found) positions.push(found);
  }
  return positions;
};
