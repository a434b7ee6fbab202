import type { JWK } from 'jose';
import type { DocumentLoader } from '../jsonld/document-loader';
import type { verifyDataIntegrity } from '../signing/data-integrity';
import { allApplicablePassed, issuerIdOf, notApplicable, type CheckResult, type Credential } from './check';
import { issuerKeyCheck, type KeyHistoryEntry } from './issuer-key-check';
import { dataIntegrityProofCheck, vcJwtProofCheck, type KidKey, type ProofOutcome } from './proof-check';
import { schemaCheck } from './schema-check';
import { statusCheck } from './status-check';
import { validityCheck } from './validity-check';

/** What a pluggable check sees. `issuedAt` is the log's instant when the credential is on this ledger. */
export type CheckContext = Readonly<{
  credential: Credential;
  issuerId: string | undefined;
  issuedAt: string | undefined;
}>;

/**
 * A check added by the application (accreditation, quality-ruleset, later log-inclusion).
 * `undefined` leaves it out of the answer: absent, not passed.
 */
export type PluggableCheck = (context: CheckContext) => Promise<CheckResult | undefined>;

export type VerificationDeps = Readonly<{
  documentLoader: DocumentLoader;
  resolveJwk: (kid: string) => Promise<JWK | undefined>;
  /**
   * The issuer and key a JWK URL names, when it is one of ours (see `parseIssuerJwkUrl`). The
   * credential is there for id forms where the URL alone does not give the issuer id (did:key).
   */
  keyOfKid: (kid: string, credential: Credential) => KidKey | undefined | Promise<KidKey | undefined>;
  /** The issuer's key history from the log; undefined for an issuer not on this ledger. */
  keyHistory: (issuerId: string, credential: Credential) => Promise<readonly KeyHistoryEntry[] | undefined>;
  /**
   * When this deployment signed exactly this presentation (JSON with its proof, or the JWT), from
   * its own export records: a trusted signing instant, where `proof.created` is only a claim a
   * holder of a stolen key could backdate. Key validity is judged at that instant, so a credential
   * issued before a rotation and exported after it (with the new key) verifies.
   */
  signedAtOnRecord?: (presented: Credential | string, credential: Credential) => Promise<string | undefined>;
  /**
   * The issuance instant recorded in the log, when this ledger issued this very credential. It
   * must answer only for a credential identical to the one the ledger exported (compare the
   * stored export, not just the id): a forger holding a compromised key could reuse an old id.
   */
  issuedAtInLog: (credential: Credential) => Promise<string | undefined>;
  now: string;
  pluggable?: readonly PluggableCheck[];
  /**
   * Checks one embedded Data Integrity proof (the credential's, a status list's); `verifyDataIntegrity`
   * unless the caller memoizes it (the API does, per exact document and issuer key document).
   */
  verifyProof?: typeof verifyDataIntegrity;
}>;

export type VerificationAnswer = Readonly<{ verified: boolean; checks: readonly CheckResult[] }>;

const issuerKey = async (
  proof: ProofOutcome,
  issuerId: string | undefined,
  deps: VerificationDeps,
  inLog: string | undefined,
  signedAt: string | undefined,
) => {
  if (!issuerId || !proof.signingKey)
    return notApplicable('issuer-key', 'No issuer or no signing key to check.');
  const claimed =
    proof.created ??
    (typeof proof.credential.validFrom === 'string' ? proof.credential.validFrom : undefined);
  const [issuedAt, issuedAtSource] = signedAt
    ? [signedAt, 'signed-export' as const]
    : inLog
      ? [inLog, 'log' as const]
      : [claimed, proof.created ? ('proof.created' as const) : ('validFrom' as const)];
  if (!issuedAt) return notApplicable('issuer-key', 'The credential does not say when it was issued.');
  return issuerKeyCheck({
    issuerId,
    signingKey: proof.signingKey,
    history: await deps.keyHistory(issuerId, proof.credential),
    issuedAt,
    issuedAtSource,
  });
};

/**
 * Verifies a presented credential, JSON with an embedded proof or a vc+jwt, and answers every
 * check that applies. The checks are independent, so a tampered credential still gets its
 * status and validity answered, and the answer shows which check failed.
 */
export const verifyPresentedCredential = async (
  presented: Credential | string,
  deps: VerificationDeps,
): Promise<VerificationAnswer> => {
  const proof =
    typeof presented === 'string'
      ? await vcJwtProofCheck(presented, deps.resolveJwk, deps.keyOfKid)
      : await dataIntegrityProofCheck(presented, deps.documentLoader, deps.verifyProof);
  const { credential } = proof;
  const issuerId = issuerIdOf(credential);
  const issuedAt = await deps.issuedAtInLog(credential);
  // An exact match with the record is ours whether or not its key still resolves (a compromised key is unlisted).
  const signedAt = await deps.signedAtOnRecord?.(presented, credential);
  const context: CheckContext = { credential, issuerId, issuedAt };
  const pluggable = await Promise.all((deps.pluggable ?? []).map((check) => check(context)));
  const checks: CheckResult[] = [
    proof.check,
    await issuerKey(proof, issuerId, deps, issuedAt, signedAt),
    schemaCheck(credential),
    await statusCheck(credential, 'revocation', deps.documentLoader, deps.verifyProof),
    await statusCheck(credential, 'suspension', deps.documentLoader, deps.verifyProof),
    validityCheck(credential, deps.now),
    ...pluggable.filter((check): check is CheckResult => check !== undefined),
  ];
  return { verified: allApplicablePassed(checks), checks };
};
