import type { Event } from '../core';

/** Ed25519 signs Data Integrity proofs (eddsa-rdfc-2022); P-256 signs the vc+jwt form (ES256). */
export type IssuerKeyAlgorithm = 'Ed25519' | 'P-256';
export const ISSUER_KEY_ALGORITHMS: readonly IssuerKeyAlgorithm[] = ['Ed25519', 'P-256'];

/**
 * A public signing key put into use. Only public material is in the log; the private key stays
 * in the key store. `activatedAt` is the command's instant, so a verifier knows from when it counts.
 */
export type IssuerKeyActivated = Event<
  'IssuerKeyActivated',
  {
    issuerId: string;
    keyId: string;
    algorithm: IssuerKeyAlgorithm;
    /** Multikey encoding (`z6Mk…` Ed25519, `zDn…` P-256): the verification method's key and fragment. */
    publicKeyMultibase: string;
    /** The same key as a public JWK (what a vc+jwt `kid` URL answers). */
    publicJwk: Readonly<Record<string, string>>;
    activatedAt: string;
  }
>;

/** Superseded by a newer key of the same algorithm: it signs nothing new, and what it signed stays valid. */
export type IssuerKeyRetired = Event<
  'IssuerKeyRetired',
  { issuerId: string; keyId: string; retiredAt: string }
>;

/** Whatever the key signed from `compromisedSince` on is not the issuer's word. */
export type IssuerKeyCompromised = Event<
  'IssuerKeyCompromised',
  { issuerId: string; keyId: string; compromisedSince: string }
>;

export type IssuerKeyEvent = IssuerKeyActivated | IssuerKeyRetired | IssuerKeyCompromised;
