import type { DocumentLoader } from '../jsonld/document-loader';
import { UnknownKeyError, type IssuerKeyStore } from '../keys/key-store';
import { issuerJwkUrl, verificationMethodId } from '../ob3/issuer-identity';
import { signDataIntegrity, type SignedCredential } from './data-integrity';
import { signVcJwt } from './vc-jwt';

export type ExportSigning = Readonly<{
  keyStore: IssuerKeyStore;
  /** The ledger's issuer id (the key store's key) and its OB 3.0 id in the deployment's form. */
  issuerId: string;
  issuerObId: string;
  /** The issuer's current keys. */
  ed25519KeyId: string;
  p256KeyId: string;
  publicUrl: string;
  documentLoader: DocumentLoader;
  created: string;
}>;

/**
 * Both proof forms of one export with the issuer's current keys: what the export route will
 * compute once per credential and key, then cache.
 */
export const signExport = async (
  credential: Record<string, unknown>,
  signing: ExportSigning,
): Promise<{ json: SignedCredential; jwt: string }> => {
  const { keyStore, issuerId, ed25519KeyId, p256KeyId } = signing;
  const ed25519 = await keyStore.publicKey(issuerId, ed25519KeyId);
  if (!ed25519) throw new UnknownKeyError(issuerId, ed25519KeyId);
  const json = await signDataIntegrity(credential, {
    signer: await keyStore.signer(issuerId, ed25519KeyId),
    verificationMethod: verificationMethodId(signing.issuerObId, ed25519.publicKeyMultibase),
    documentLoader: signing.documentLoader,
    created: signing.created,
  });
  const jwt = await signVcJwt(credential, {
    signer: await keyStore.signer(issuerId, p256KeyId),
    kid: issuerJwkUrl(signing.publicUrl, issuerId, p256KeyId),
  });
  return { json, jwt };
};
