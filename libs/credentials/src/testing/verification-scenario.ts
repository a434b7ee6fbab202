import type { JWK } from 'jose';
import { controllerResolver, inMemoryControllers } from '../jsonld/controller-resolver';
import { createDocumentLoader, staticDocuments } from '../jsonld/document-loader';
import { buildAchievementCredential, type AchievementCredentialInput } from '../ob3/achievement-credential';
import { parseIssuerJwkUrl, type IssuerIdForm } from '../ob3/issuer-identity';
import { signDataIntegrity } from '../signing/data-integrity';
import { signVcJwt } from '../signing/vc-jwt';
import { bitstringOf } from '../status/bitstring';
import { buildStatusListCredential } from '../status/status-list-credential';
import type { KeyHistoryEntry } from '../verification/issuer-key-check';
import type { VerificationDeps } from '../verification/verify';
import { achievementInput } from './fixtures';
import { PUBLIC_URL, testIssuer } from './issuer-fixture';

export const SIGNED_AT = '2026-11-21T09:31:00Z';
export const NOW = '2027-01-15T12:00:00Z';

/**
 * An issuer on this ledger with one signed credential in both forms, its two status lists as the
 * API would serve them (with the given bits set), and the dependencies the engine needs.
 */
export const verificationScenario = async (
  options: {
    revoked?: boolean;
    suspended?: boolean;
    history?: (keys: { ed: string; p256: string }) => KeyHistoryEntry[];
    form?: IssuerIdForm;
  } = {},
) => {
  const issuer = await testIssuer(options.form ?? 'url');
  const input: AchievementCredentialInput = achievementInput(issuer.profile);
  const controllers = controllerResolver(inMemoryControllers([issuer.controller]));
  const signing = {
    signer: issuer.ed25519.signer,
    verificationMethod: issuer.verificationMethod,
    documentLoader: createDocumentLoader(controllers),
    created: SIGNED_AT,
  };
  const lists = new Map<string, object>();
  for (const entry of input.status) {
    const set = entry.statusPurpose === 'revocation' ? options.revoked : options.suspended;
    const list = bitstringOf(set ? [Number(entry.statusListIndex)] : []);
    const unsigned = buildStatusListCredential({
      url: entry.statusListCredential,
      issuer: issuer.id,
      purpose: entry.statusPurpose,
      list,
      validFrom: SIGNED_AT,
      ttlMs: 300_000,
    });
    lists.set(entry.statusListCredential, await signDataIntegrity(unsigned, signing));
  }
  const { credential } = buildAchievementCredential(input);
  const json = await signDataIntegrity(credential, signing);
  const jwt = await signVcJwt(credential, { signer: issuer.p256.signer, kid: issuer.kid });
  const defaultHistory = [
    {
      keyId: issuer.ed25519.keyId,
      publicKeyMultibase: issuer.ed25519.publicKeyMultibase,
      activatedAt: '2026-01-01T00:00:00Z',
    },
    {
      keyId: issuer.p256.keyId,
      publicKeyMultibase: issuer.p256.publicKeyMultibase,
      activatedAt: '2026-01-01T00:00:00Z',
    },
  ];
  const history =
    options.history?.({ ed: issuer.ed25519.publicKeyMultibase, p256: issuer.p256.publicKeyMultibase }) ??
    defaultHistory;
  const jwks = new Map<string, JWK>([[issuer.kid, issuer.p256.publicJwk]]);
  const deps: VerificationDeps = {
    documentLoader: createDocumentLoader(controllers, staticDocuments(lists)),
    resolveJwk: async (kid) => jwks.get(kid),
    keyOfKid: (kid) => {
      const named = parseIssuerJwkUrl(PUBLIC_URL, kid);
      // The ledger maps its issuer id to the OB id in the deployment's form; here one issuer.
      return (
        named && {
          controller: named.issuerId === issuer.issuerId ? issuer.id : named.issuerId,
          keyId: named.keyId,
        }
      );
    },
    keyHistory: async (id) => (id === issuer.id ? history : undefined),
    issuedAtInLog: async (presented) => (presented.id === credential.id ? '2026-11-21T09:30:00Z' : undefined),
    now: NOW,
  };
  return { issuer, input, credential, json, jwt, lists, deps };
};
