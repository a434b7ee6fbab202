import { MULTIKEY_CONTEXT } from './contexts';
import type { DocumentResolver } from './document-loader';
import { buildDidDocument, type ControllerDocument } from '../ob3/issuer-profile';

/** Finds an issuer's controller document (profile or DID document) by its id; `undefined` when unknown. */
export type ControllerDocumentSource = (controllerId: string) => Promise<ControllerDocument | undefined>;

/** A did:key document is derived from the DID itself: nothing to look up. */
const didKeyDocument = (did: string): ControllerDocument | undefined => {
  const key = did.slice('did:key:'.length);
  return /^z[1-9A-HJ-NP-Za-km-z]+$/.test(key)
    ? buildDidDocument(did, [{ publicKeyMultibase: key }])
    : undefined;
};

/**
 * Resolves issuer ids and verification method URLs (`<issuer id>#<publicKeyMultibase>`) for
 * the document loader: a controller id answers its document, a method id answers the method
 * as a Multikey document, but only when the controller lists it.
 */
export const controllerResolver =
  (source: ControllerDocumentSource): DocumentResolver =>
  async (url) => {
    const hash = url.indexOf('#');
    const controllerId = hash < 0 ? url : url.slice(0, hash);
    const controller = controllerId.startsWith('did:key:')
      ? didKeyDocument(controllerId)
      : await source(controllerId);
    if (!controller || controller.id !== controllerId) return undefined;
    if (hash < 0) return controller;
    const method = controller.verificationMethod.find((candidate) => candidate.id === url);
    return method && { '@context': MULTIKEY_CONTEXT, ...method };
  };

/** Controller documents held in memory, keyed by id (tests, caches, the API's own projection). */
export const inMemoryControllers =
  (documents: readonly ControllerDocument[]): ControllerDocumentSource =>
  async (id) =>
    documents.find((document) => document.id === id);
