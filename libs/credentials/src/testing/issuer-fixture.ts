import { controllerResolver, inMemoryControllers } from '../jsonld/controller-resolver';
import { createDocumentLoader } from '../jsonld/document-loader';
import { generateKey, signerFor } from '../keys/key-material';
import type { IssuerPublicKey, KeyAlgorithm, RawSigner } from '../keys/key-store';
import { issuerIdFor, issuerJwkUrl, verificationMethodId, type IssuerIdForm } from '../ob3/issuer-identity';
import { buildDidDocument, buildIssuerProfileDocument, type ControllerDocument } from '../ob3/issuer-profile';
import type { IssuerProfileInput } from '../ob3/inputs';

export const PUBLIC_URL = 'http://127.0.0.1:3000';

export type TestKey = IssuerPublicKey & { signer: RawSigner };

export const testKey = async (issuerId: string, keyId: string, algorithm: KeyAlgorithm): Promise<TestKey> => {
  const generated = await generateKey(algorithm);
  return {
    issuerId,
    keyId,
    algorithm,
    publicKeyMultibase: generated.publicKeyMultibase,
    publicJwk: generated.publicJwk,
    signer: signerFor(algorithm, generated.privateKey),
  };
};

/** An issuer with fresh Ed25519 and P-256 keys, its OB id in the given form, and its controller document. */
export const testIssuer = async (form: IssuerIdForm = 'url', issuerId = 'iss-hu') => {
  const ed25519 = await testKey(issuerId, 'k1-ed', 'Ed25519');
  const p256 = await testKey(issuerId, 'k1-p256', 'P-256');
  const id = issuerIdFor(form, {
    publicUrl: PUBLIC_URL,
    issuerId,
    ed25519PublicKeyMultibase: ed25519.publicKeyMultibase,
  });
  const profile: IssuerProfileInput = {
    id,
    name: 'Hogeschool Utrecht',
    url: 'https://www.hu.nl',
    email: 'registrar@hu.nl',
  };
  const keys = [ed25519, p256];
  const controller: ControllerDocument =
    form === 'url' ? buildIssuerProfileDocument(profile, keys) : buildDidDocument(id, keys);
  return {
    issuerId,
    id,
    profile,
    ed25519,
    p256,
    controller,
    verificationMethod: verificationMethodId(id, ed25519.publicKeyMultibase),
    kid: issuerJwkUrl(PUBLIC_URL, issuerId, p256.keyId),
  };
};

export type TestIssuer = Awaited<ReturnType<typeof testIssuer>>;

/** Signing with the issuer's Ed25519 key through an offline loader that holds its controller document. */
export const ed25519Signing = (issuer: TestIssuer, created: string) => ({
  signer: issuer.ed25519.signer,
  verificationMethod: issuer.verificationMethod,
  documentLoader: createDocumentLoader(controllerResolver(inMemoryControllers([issuer.controller]))),
  created,
});
