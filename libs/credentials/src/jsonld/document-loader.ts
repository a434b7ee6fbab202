import { BUNDLED_CONTEXTS } from './contexts';

export type LoadedDocument = Readonly<{ contextUrl: null; documentUrl: string; document: object }>;
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
 * that mutates a document cannot poison the next verification.
 */
export const createDocumentLoader = (...resolvers: readonly DocumentResolver[]): DocumentLoader => {
  return async (url) => {
    const context = BUNDLED_CONTEXTS.get(url);
    if (context) return loaded(url, structuredClone(context));
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
