import type { Event } from '../core';

export type StatusPurpose = 'revocation' | 'suspension';
export const STATUS_PURPOSES: readonly StatusPurpose[] = ['revocation', 'suspension'];

/** Entries per status list: the W3C minimum (16 KiB of bits), which gives each credential herd privacy. */
export const STATUS_LIST_LENGTH = 131_072;

/** Where a credential's bit sits: list `list` of its issuer's lists for `purpose`, bit `index`. */
export type StatusPosition = Readonly<{ purpose: StatusPurpose; list: number; index: number }>;

/**
 * One index of one status list is now the credential's, for good: claimed on the index's own
 * stream before the credential is appended, so two issuances racing for it meet at that stream's
 * expected version (libs/domain/README.md, "Status list indexes").
 */
export type StatusIndexClaimed = Event<
  'StatusIndexClaimed',
  StatusPosition & { issuerId: string; credentialId: string }
>;

/**
 * One index claimed in both of the issuer's lists at once: bit `index` of revocation list `list`
 * and of suspension list `list` now belong to the credential, for good. Recorded on the revocation
 * index's stream, after a read of the suspension index's stream found it free (issuance claims no
 * purpose alone any more; the one per-purpose claim left, a pre-change issuance's recovery, reads
 * this stream before it takes a suspension index). One event where `StatusIndexClaimed` took two;
 * a credential issued before it holds two of those instead.
 */
export type StatusIndexesClaimed = Event<
  'StatusIndexesClaimed',
  Readonly<{
    issuerId: string;
    list: number;
    index: number;
    /** Always both purposes, revocation first: named so the event reads alone. */
    purposes: readonly StatusPurpose[];
    credentialId: string;
  }>
>;

export type StatusIndexEvent = StatusIndexClaimed | StatusIndexesClaimed;
