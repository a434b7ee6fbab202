import { DID_V1_CONTEXT, MULTIKEY_CONTEXT, OB_V3_CONTEXT, VC_V2_CONTEXT } from '../jsonld/contexts';
import type { IssuerProfileInput } from './inputs';
import { verificationMethodId } from './issuer-identity';

/** A public key as the profile and DID document list it; compromised keys are never listed. */
export type PublishedKey = Readonly<{ publicKeyMultibase: string; compromised?: boolean }>;

export type MultikeyVerificationMethod = Readonly<{
  id: string;
  type: 'Multikey';
  controller: string;
  publicKeyMultibase: string;
}>;

export type ControllerDocument = Readonly<{
  '@context': readonly (string | object)[];
  id: string;
  verificationMethod: readonly MultikeyVerificationMethod[];
  assertionMethod: readonly string[];
}> &
  Record<string, unknown>;

/**
 * The controller-document terms, inline: the OB and VC contexts do not define them at the top
 * level, the DID context is for DID documents, and an inline context is one less URL a verifier
 * must fetch (or we must keep up forever).
 */
const CONTROLLER_TERMS = {
  verificationMethod: {
    '@id': 'https://w3id.org/security#verificationMethod',
    '@type': '@id',
    '@container': '@set',
  },
  assertionMethod: {
    '@id': 'https://w3id.org/security#assertionMethod',
    '@type': '@id',
    '@container': '@set',
  },
};

/** The issuer as the credential names it: a Profile with id, type, name and url (and e-mail, image). */
export const issuerProfileSummary = (issuer: IssuerProfileInput) => ({
  id: issuer.id,
  type: ['Profile'],
  name: issuer.name,
  ...(issuer.url ? { url: issuer.url } : {}),
  ...(issuer.email ? { email: issuer.email } : {}),
  ...(issuer.image ? { image: { id: issuer.image, type: 'Image' } } : {}),
  ...(issuer.description ? { description: issuer.description } : {}),
});

const verificationMethods = (controller: string, keys: readonly PublishedKey[]) => {
  const methods = keys
    .filter((key) => !key.compromised)
    .map((key): MultikeyVerificationMethod => ({
      id: verificationMethodId(controller, key.publicKeyMultibase),
      type: 'Multikey',
      controller,
      publicKeyMultibase: key.publicKeyMultibase,
    }));
  return { verificationMethod: methods, assertionMethod: methods.map((method) => method.id) };
};

/** The JSON-LD issuer Profile served at the profile URL: OB 3.0 Profile and controller document in one. */
export const buildIssuerProfileDocument = (
  issuer: IssuerProfileInput,
  keys: readonly PublishedKey[],
): ControllerDocument => ({
  '@context': [VC_V2_CONTEXT, OB_V3_CONTEXT, MULTIKEY_CONTEXT, CONTROLLER_TERMS],
  ...issuerProfileSummary(issuer),
  ...verificationMethods(issuer.id, keys),
});

/** A DID document (did:web or did:key): every key not compromised, each an assertion method. */
export const buildDidDocument = (did: string, keys: readonly PublishedKey[]): ControllerDocument => ({
  '@context': [DID_V1_CONTEXT, MULTIKEY_CONTEXT],
  id: did,
  ...verificationMethods(did, keys),
});
