import { BUNDLED_CONTEXTS } from './contexts';

/**
 * `tag: 'static'` tells jsonld.js the document never changes: it then keeps the context it resolved
 * from it in its process-wide cache, and with it the processed forms (ResolvedContext.getProcessed,
 * keyed by the active context), instead of fetching and processing the context again on every call.
 */
export type LoadedDocument = Readonly<{
  contextUrl: null;
  documentUrl: string;
  document: object;
  tag?: 'static';
}>;
export type DocumentLoader = (url: string) => Promise<LoadedDocument>;

/**
 * Answers a non-context URL the loader may serve: an issuer profile, a DID document, a
 * verification method, a status list credential. `undefined` means "not mine". Injected, so a
 * test can point it at a running API or at in-memory documents.
 */
export type DocumentResolver = (url: string) => Promise<object | undefined> | object | undefined;

/** A URL the loader does not hold. Never a fallback to the network: that is the safety property. */
export class UnknownDocumentError extends Error {
  constructor(readonly url: string) {
    super(`Document not held by the offline loader: ${url}`);
    this.name = 'UnknownDocumentError';
  }
}

/**
 * The JSON-LD document loader for signing and verifying: bundled contexts first, then the
 * injected resolvers in order; anything else throws. Contexts are cloned per load so a caller
 * that mutates a document cannot poison the next verification. Bundled contexts are tagged
 * static: without it each signing re-processed the VC 2.0 and OB 3.0 contexts (jsonld's
 * active-context cloning was two thirds of the 7.2 MB a signed export allocated; bench/README.md,
 * wip/ctx). Only they are: what the resolvers serve (issuer profiles, status lists) can change.
 */
export const createDocumentLoader = (...resolvers: readonly DocumentResolver[]): DocumentLoader => {
  return async (url) => {
    const context = BUNDLED_CONTEXTS.get(url);
    if (context) return { ...loaded(url, structuredClone(context)), tag: 'static' };
    for (const resolve of resolvers) {
      const document = await resolve(url);
      if (document !== undefined) return loaded(url, document);
    }
    throw new UnknownDocumentError(url);
  };
};

const loaded = (documentUrl: string, document: object): LoadedDocument => ({
  contextUrl: null,
  documentUrl,
  document,
});

/** A resolver over fixed documents keyed by URL (a status list, a profile); handy for tests and caches. */
export const staticDocuments =
  (documents: ReadonlyMap<string, object>): DocumentResolver =>
  (url) =>
    documents.get(url);
