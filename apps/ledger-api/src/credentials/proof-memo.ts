import { createHash } from 'node:crypto';
import { type DocumentLoader, type ProofVerification, verifyDataIntegrity } from '@credence/credentials';
import { LruMap } from '@credence/runtime';

/** Proof results kept: a verified credential or list is looked up again, not re-canonicalized. */
const CAPACITY = 10_000;

const controllerOf = (document: Record<string, unknown>): string | undefined => {
  const proof = [document.proof].flat()[0] as { verificationMethod?: unknown } | undefined;
  return typeof proof?.verificationMethod === 'string' ? proof.verificationMethod.split('#')[0] : undefined;
};

/**
 * `verifyDataIntegrity`, memoized. RDF canonicalization dominates a verification, and its answer
 * depends only on the document's exact content and the key document its verification method
 * names, so both make the key: a changed byte or a changed key set (rotation, compromise) misses.
 * A key document the loader cannot produce is never cached: the verification runs and says why.
 */
export const memoizedProofVerifier = () => {
  const results = new LruMap<string, ProofVerification>(CAPACITY);
  return async (document: Record<string, unknown>, loader: DocumentLoader): Promise<ProofVerification> => {
    const controller = controllerOf(document);
    const keys = controller && (await loader(controller).catch(() => undefined));
    if (!keys) return verifyDataIntegrity(document, loader);
    const key = createHash('sha256')
      .update(JSON.stringify(document))
      .update('\u0000')
      .update(JSON.stringify(keys.document))
      .digest('base64url');
    const known = results.get(key);
    if (known) return known;
    const result = await verifyDataIntegrity(document, loader);
    results.set(key, result);
    return result;
  };
};
