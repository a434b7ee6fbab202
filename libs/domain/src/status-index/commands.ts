import type { Command } from '../core';
import type { StatusIndexClaimed } from './events';
import type { StatusIndexState } from './state';

/**
 * Claims one status list index for a credential. Issuance no longer sends it (it claims both lists
 * at once); a recovered issuance that began before that finishes its claims with it. The twin is
 * the same index's stream in the other list: a joint claim on the revocation stream holds the
 * suspension bit too, which the suspension stream alone does not show.
 */
export type ClaimStatusIndex = Command<
  'ClaimStatusIndex',
  StatusIndexClaimed['data'] & Readonly<{ context: Readonly<{ twin: StatusIndexState }> }>
>;

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
