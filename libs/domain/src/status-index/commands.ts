import type { Command } from '../core';
import type { StatusIndexClaimed } from './events';

/** Claims one status list index for a credential; sent by the ledger while it issues the credential. */
export type ClaimStatusIndex = Command<'ClaimStatusIndex', StatusIndexClaimed['data']>;

export type StatusIndexCommand = ClaimStatusIndex;
