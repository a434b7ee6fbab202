import { hash } from 'node:crypto';
import {
  type CommandMetadata,
  DomainError,
  STATUS_LIST_LENGTH,
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

type Held = Extract<StatusIndexState, { status: 'claimed' }>;

/** What a visit found at a candidate: the credential's own claim (its state), another's, or nothing. */
type Seen = Readonly<{ mine: Held }> | 'taken' | 'stop';
type Visit = (position: StatusPosition) => Promise<Seen>;
type Found = Readonly<{ position: StatusPosition; held: Held }>;

/**
 * List 0 first; `DRAWS_PER_LIST` taken candidates in a row open the next list. Claims are never
 * released, so the walk is a pure function of the command id and the recorded claims: issuance
 * and lookup take the same path.
 */
const walk = async (
  issuanceCommandId: string,
  purpose: StatusPurpose,
  visit: Visit,
): Promise<Found | undefined> => {
  for (let list = 0; ; list += 1) {
    for (let draw = 0; draw < DRAWS_PER_LIST; draw += 1) {
      const position = { purpose, list, index: candidateIndex(issuanceCommandId, purpose, list, draw) };
      const seen = await visit(position);
      if (seen === 'stop') return undefined;
      if (seen !== 'taken') return { position, held: seen.mine };
    }
  }
};

/** A claim's answer as a visit: accepted or a no-op, the index is this credential's either way. */
const claimed = async (claim: () => Promise<{ state: unknown }>): Promise<Seen> => {
  try {
    return { mine: (await claim()).state as Held };
  } catch (error) {
    if (error instanceof DomainError && error.code === 'status-index.taken') return 'taken';
    throw error;
  }
};

/** Claiming walks always end on a claim: only a lookup's visit stops. */
const claimedPosition = (found: Found | undefined): Found => {
  if (!found) throw new Error('a claiming walk ended without a claim');
  return found;
};

/** A legacy claim's visit (one purpose, its own stream): what issuance did before joint claims. */
const claimOne =
  (ledger: Ledger, issuance: CommandMetadata, issuerId: string, credentialId: string): Visit =>
  (position) =>
    claimed(() =>
      ledger.handle({
        type: 'ClaimStatusIndex',
        data: { ...position, issuerId, credentialId },
        metadata: stepMetadata(issuance, `status:${position.purpose}:${position.list}:${position.index}`),
      }),
    );

const both = (position: StatusPosition): StatusPosition[] => [
  position,
  { ...position, purpose: 'suspension' },
];

/**
 * Claims one index in both lists for the credential: `ClaimStatusIndexes` on the revocation
 * candidate's stream, whose suspension twin must be free (libs/domain/README.md). Of two issuances
 * racing for an index, the store's expected version lets one win; the other is refused with
 * `status-index.taken` and draws again. An issuance begun before joint claims and recovered now
 * may find its own revocation claim on the walk: it then claims a suspension index alone, as it
 * would have then.
 */
export const claimStatusPositions = async (
  ledger: Ledger,
  issuance: CommandMetadata,
  issuerId: string,
  credentialId: string,
): Promise<StatusPosition[]> => {
  const revocation = claimedPosition(
    await walk(issuance.commandId, 'revocation', ({ list, index }) =>
      claimed(() =>
        ledger.handle({
          type: 'ClaimStatusIndexes',
          data: { issuerId, list, index, credentialId },
          metadata: stepMetadata(issuance, `status:both:${list}:${index}`),
        }),
      ),
    ),
  );
  if (revocation.held.purposes.includes('suspension')) return both(revocation.position);
  const suspension = claimedPosition(
    await walk(issuance.commandId, 'suspension', claimOne(ledger, issuance, issuerId, credentialId)),
  );
  return [revocation.position, suspension.position];
};

/**
 * The positions an issuance claimed, read back by walking its candidates as the claim did; none
 * for a credential issued before status lists existed (its first free candidate ends the walk).
 * A credential issued before joint claims holds one claim per list, each found on its own walk.
 */
export const findStatusPositions = async (
  ledger: Ledger,
  issuanceCommandId: string,
  issuerId: string,
  credentialId: string,
): Promise<StatusPosition[]> => {
  const stateAt = async (position: StatusPosition) =>
    (
      await ledger.load<StatusIndexState>(
        statusIndexDecider,
        streamId('status-index', statusIndexKey(issuerId, position)),
      )
    ).state;
  const isMine = (state: Held) => state.credentialId === credentialId && state.issuerId === issuerId;
  const revocation = await walk(issuanceCommandId, 'revocation', async (position) => {
    const state = await stateAt(position);
    if (state.status === 'claimed') return isMine(state) ? { mine: state } : 'taken';
    // A joint claim drew on past a candidate whose suspension index an older claim held.
    const suspension = await stateAt({ ...position, purpose: 'suspension' });
    return suspension.status === 'claimed' ? 'taken' : 'stop';
  });
  if (revocation?.held.purposes.includes('suspension')) return both(revocation.position);
  const suspension = await walk(issuanceCommandId, 'suspension', async (position) => {
    const state = await stateAt(position);
    if (state.status === 'claimed') return isMine(state) ? { mine: state } : 'taken';
    // A joint claim on the revocation twin holds this bit, and a claim drew on past it.
    const twin = await stateAt({ ...position, purpose: 'revocation' });
    return twin.status === 'claimed' && twin.purposes.includes('suspension') ? 'taken' : 'stop';
  });
  return [revocation?.position, suspension?.position].filter((position) => position !== undefined);
};
