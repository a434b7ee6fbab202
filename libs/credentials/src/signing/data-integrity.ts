import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import jsigs from 'jsonld-signatures';
import type { DocumentLoader } from '../jsonld/document-loader';
import { installSharedTermClone } from '../jsonld/shared-term-clone';
import type { RawSigner } from '../keys/key-store';

// Before any signing or verification: jsonld.js's deep copy of every active context was half of it.
installSharedTermClone();

export type SignedCredential = Record<string, unknown> & { proof: Array<Record<string, unknown>> };

export type DataIntegritySigning = Readonly<{
  signer: RawSigner;
  /** `<issuer id>#<publicKeyMultibase>`: must resolve, through the loader, to the signer's public key. */
  verificationMethod: string;
  documentLoader: DocumentLoader;
  /** The proof's `created`; given, so a re-signed export is byte-identical (Ed25519 is deterministic). */
  created: string;
}>;

/**
 * Adds an embedded `DataIntegrityProof` (eddsa-rdfc-2022, assertionMethod). The proof is
 * returned as an array, the form the OB 3.0 JSON schema requires; the proof is outside what it
 * signs, so the array form verifies the same.
 */
export const signDataIntegrity = async (
  credential: Record<string, unknown>,
  signing: DataIntegritySigning,
): Promise<SignedCredential> => {
  if (signing.signer.algorithm !== 'Ed25519')
    throw new Error(`eddsa-rdfc-2022 needs an Ed25519 key, not ${signing.signer.algorithm}`);
  const suite = new DataIntegrityProof({
    cryptosuite,
    date: signing.created,
    signer: {
      id: signing.verificationMethod,
      algorithm: 'Ed25519',
      sign: ({ data }: { data: Uint8Array }) => signing.signer.sign(data),
    },
  });
  const signed = await vc.issue({
    credential: structuredClone(credential),
    suite,
    documentLoader: signing.documentLoader,
  });
  return { ...signed, proof: [signed.proof].flat() as Array<Record<string, unknown>> };
};

export type ProofVerification = Readonly<{
  verified: boolean;
  verificationMethod?: string;
  errors: readonly string[];
}>;

/**
 * Checks the embedded proof only: signature, assertionMethod purpose, and that the key's
 * controller is the credential's issuer. Dates and status are separate checks, so an expired or
 * revoked credential still reports a valid proof.
 */
export const verifyDataIntegrity = async (
  credential: Record<string, unknown>,
  documentLoader: DocumentLoader,
): Promise<ProofVerification> => {
  const suite = new DataIntegrityProof({ cryptosuite });
  const result = await jsigs.verify(structuredClone(credential), {
    suite,
    purpose: new vc.CredentialIssuancePurpose(),
    documentLoader,
  });
  const errors = result.error ? (result.error.errors ?? [result.error]).map((error) => error.message) : [];
  const verificationMethod = result.results?.find((entry) => entry.verificationMethod)?.verificationMethod
    ?.id;
  return { verified: result.verified, ...(verificationMethod ? { verificationMethod } : {}), errors };
};
