import { createHash } from 'node:crypto';
import { type DocumentLoader, type ProofVerification, verifyDataIntegrity } from '@credence/credentials';
import { LruMap, UnderWay } from '@credence/runtime';
import { isDeepFrozen, jsonOf } from './frozen-documents';

/** Proof results kept: a verified credential or list is looked up again, not re-canonicalized. */
const CAPACITY = 10_000;
/** Key documents remembered per frozen document: its issuer's current one and a few before it. */
const KEY_DOCUMENTS_PER_DOCUMENT = 4;

const controllerOf = (document: Record<string, unknown>): string | undefined => {
  // One proof, as an object or a one-element array (read in place: this runs per proof checked).
  const proof = (Array.isArray(document.proof) ? document.proof[0] : document.proof) as
    { verificationMethod?: unknown } | undefined;
  return typeof proof?.verificationMethod === 'string' ? proof.verificationMethod.split('#')[0] : undefined;
};

/**
 * `verifyDataIntegrity`, memoized. RDF canonicalization dominates a verification, and its answer
 * depends only on the document's exact content and the key document its verification method
 * names, so both make the key: a changed byte or a changed key set (rotation, compromise) misses.
 * A key document the loader cannot produce is never cached: the verification runs and says why.
 *
 * A deep-frozen document (a stored export, a published status list) cannot change, so it is
 * looked up by identity: serializing and hashing a stored export and both its status lists cost
 * more than the rest of a verification by id. Its entries go when the document is collected.
 */
export const memoizedProofVerifier = () => {
  const results = new LruMap<string, ProofVerification>(CAPACITY);
  const byFrozenDocument = new WeakMap<object, LruMap<string, ProofVerification>>();
  /**
   * Verifications under way: a burst of requests for a credential, or a new status list version
   * that every request in flight checks, canonicalizes once, not once per request.
   */
  const underWay = new UnderWay<string, ProofVerification>();

  const byContent = async (
    document: Record<string, unknown>,
    keyDocument: string,
    loader: DocumentLoader,
  ): Promise<ProofVerification> => {
    const key = createHash('sha256')
      .update(JSON.stringify(document))
      .update('\u0000')
      .update(keyDocument)
      .digest('base64url');
    const known = results.get(key);
    if (known) return known;
    return underWay.run(key, async () => {
      const result = await verifyDataIntegrity(document, loader);
      results.set(key, result);
      return result;
    });
  };

  return async (document: Record<string, unknown>, loader: DocumentLoader): Promise<ProofVerification> => {
    const controller = controllerOf(document);
    const keys = controller && (await loader(controller).catch(() => undefined));
    if (!keys) return verifyDataIntegrity(document, loader);
    const keyDocument = jsonOf(keys.document);
    if (!isDeepFrozen(document)) return byContent(document, keyDocument, loader);
    let byKeys = byFrozenDocument.get(document);
    const known = byKeys?.get(keyDocument);
    if (known) return known;
    const result = await byContent(document, keyDocument, loader);
    if (!byKeys) byFrozenDocument.set(document, (byKeys = new LruMap(KEY_DOCUMENTS_PER_DOCUMENT)));
    byKeys.set(keyDocument, result);
    return result;
  };
};
