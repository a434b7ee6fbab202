import type { Command } from '../core';
import type { StatusIndexClaimed } from './events';
import type { StatusIndexState } from './state';

/**
 * Claims one status list index for a credential. Issuance no longer sends it (it claims both lists
 * at once); a recovered issuance that began before that finishes its claims with it.
 */
export type ClaimStatusIndex = Command<'ClaimStatusIndex', StatusIndexClaimed['data']>;

/**
 * Claims index `index` of list `list` in both the revocation and the suspension list, on the
 * revocation index's stream; sent by the ledger while it issues the credential. The suspension
 * index's stream is read as context: a claim made there before this command existed takes the
 * pair.
 */
export type ClaimStatusIndexes = Command<
  'ClaimStatusIndexes',
  Readonly<{
    issuerId: string;
    list: number;
    index: number;
    credentialId: string;
    context: Readonly<{ suspension: StatusIndexState }>;
  }>
>;

export type StatusIndexCommand = ClaimStatusIndex | ClaimStatusIndexes;
