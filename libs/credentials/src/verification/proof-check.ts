import { decodeJwt, type JWK } from 'jose';
import type { DocumentLoader } from '../jsonld/document-loader';
import { verifyDataIntegrity } from '../signing/data-integrity';
import { verifyVcJwt } from '../signing/vc-jwt';
import { failed, passed, type CheckResult, type Credential } from './check';
import type { SigningKeyRef } from './issuer-key-check';

/** The issuer (its OB 3.0 id) and key id a JWK URL names, when it is one of this ledger's. */
export type KidKey = Readonly<{ controller: string; keyId: string }>;

export type ProofOutcome = Readonly<{
  check: CheckResult;
  /** The credential the other checks look at: for a JWT, its claims without the registered ones. */
  credential: Credential;
  signingKey?: SigningKeyRef;
  /** The proof's own `created`, when it has one (Data Integrity). */
  created?: string;
}>;

const firstProof = (credential: Credential) =>
  [credential.proof].flat()[0] as { created?: unknown; verificationMethod?: unknown } | undefined;

export const dataIntegrityProofCheck = async (
  credential: Credential,
  documentLoader: DocumentLoader,
  verifyProof: typeof verifyDataIntegrity = verifyDataIntegrity,
): Promise<ProofOutcome> => {
  const result = await verifyProof(credential, documentLoader);
  const proof = firstProof(credential);
  const verificationMethod =
    typeof proof?.verificationMethod === 'string' ? proof.verificationMethod : undefined;
  const evidence = {
    form: 'data-integrity',
    cryptosuite: 'eddsa-rdfc-2022',
    verificationMethod,
    errors: result.errors,
  };
  return {
    check: result.verified
      ? passed(
          'proof',
          'The Data Integrity proof is valid: the credential is exactly as the issuer signed it.',
          evidence,
        )
      : failed(
          'proof',
          'The Data Integrity proof does not verify: the credential was changed after signing, or not signed by the issuer’s key.',
          evidence,
        ),
    credential,
    ...(verificationMethod ? { signingKey: { verificationMethod } } : {}),
    ...(typeof proof?.created === 'string' ? { created: proof.created } : {}),
  };
};

/** A JWT whose signature fails is still decoded, so the answer can say what else is wrong with it. */
const decodeUnverified = (jwt: string): Credential => {
  try {
    const { iss: _iss, jti: _jti, sub: _sub, nbf: _nbf, exp: _exp, ...credential } = decodeJwt(jwt);
    return credential;
  } catch {
    return {};
  }
};

export const vcJwtProofCheck = async (
  jwt: string,
  resolveJwk: (kid: string) => Promise<JWK | undefined>,
  keyOfKid: (kid: string, credential: Credential) => KidKey | undefined | Promise<KidKey | undefined>,
): Promise<ProofOutcome> => {
  const result = await verifyVcJwt(jwt, resolveJwk);
  const credential = result.verified ? result.credential : decodeUnverified(jwt);
  const key = result.kid ? await keyOfKid(result.kid, credential) : undefined;
  const signingKey = result.kid && key ? { signingKey: { kid: result.kid, ...key } } : {};
  if (result.verified)
    return {
      check: passed('proof', 'The vc+jwt signature (ES256) is valid.', { form: 'vc+jwt', kid: result.kid }),
      credential,
      ...signingKey,
    };
  return {
    check: failed('proof', `The vc+jwt does not verify: ${result.error}`, {
      form: 'vc+jwt',
      kid: result.kid,
    }),
    credential,
    ...signingKey,
  };
};
