import type { JWK } from 'jose';

/** Ed25519 signs Data Integrity proofs (eddsa-rdfc-2022); P-256 signs the vc+jwt form (ES256). */
export type KeyAlgorithm = 'Ed25519' | 'P-256';

export type IssuerPublicKey = Readonly<{
  issuerId: string;
  keyId: string;
  algorithm: KeyAlgorithm;
  /** Multikey encoding (`z6Mk…` for Ed25519, `zDn…` for P-256): the verification method's key and fragment. */
  publicKeyMultibase: string;
  publicJwk: JWK;
}>;

/**
 * Signs raw bytes: Ed25519 signatures, or ES256 as JWS wants it (r‖s, 64 bytes). A signer never
 * hands out its private key, so an HSM or KMS adapter can implement it.
 */
export type RawSigner = Readonly<{ algorithm: KeyAlgorithm; sign(data: Uint8Array): Promise<Uint8Array> }>;

/**
 * Where issuers' private keys live, apart from the log (the log holds only public keys, as
 * events). The port an HSM or KMS adapter replaces; the SQLite adapter encrypts at rest.
 */
export abstract class IssuerKeyStore {
  /** Generates the key, or returns the one already stored under this id: a retried rotation creates nothing new. */
  abstract createKey(issuerId: string, keyId: string, algorithm: KeyAlgorithm): Promise<IssuerPublicKey>;
  abstract publicKey(issuerId: string, keyId: string): Promise<IssuerPublicKey | undefined>;
  /** Throws `UnknownKeyError` when the issuer has no such key. */
  abstract signer(issuerId: string, keyId: string): Promise<RawSigner>;
}

export class UnknownKeyError extends Error {
  constructor(
    readonly issuerId: string,
    readonly keyId: string,
  ) {
    super(`Issuer ${issuerId} has no key ${keyId}`);
    this.name = 'UnknownKeyError';
  }
}
