import {
  buildAchievementCredential,
  controllerResolver,
  createDocumentLoader,
  inMemoryControllers,
  signDataIntegrity,
  type ControllerDocument,
} from '@credence/credentials';
import { achievementInput } from '../../../../libs/credentials/src/testing/fixtures';
import { ed25519Signing, testIssuer } from '../../../../libs/credentials/src/testing/issuer-fixture';
import { deepFreeze } from './frozen-documents';
import { memoizedProofVerifier } from './proof-memo';

const loaderFor = (controller: ControllerDocument) =>
  createDocumentLoader(controllerResolver(inMemoryControllers([controller])));

/** A credential signed by a fresh issuer, and a loader that serves that issuer's key document. */
const signedByAnIssuer = async () => {
  const issuer = await testIssuer('url');
  const signing = ed25519Signing(issuer, '2026-11-21T09:31:00Z');
  const { credential } = buildAchievementCredential(achievementInput(issuer.profile));
  const signed = await signDataIntegrity(credential, signing);
  return { signed, loader: signing.documentLoader };
};

describe('memoized proof verification', () => {
  it('answers a repeated document from memory, and still catches a changed byte or a changed key document', async () => {
    // Given a credential signed by an issuer whose key document the loader serves
    const { signed, loader } = await signedByAnIssuer();
    const verify = memoizedProofVerifier();

    // When it is verified twice, then tampered with, then its issuer's key document changes
    const first = await verify(signed, loader);
    const second = await verify(structuredClone(signed), loader);
    const tampered = await verify({ ...signed, name: 'Forged' }, loader);
    const rotated = await testIssuer('url');
    const withoutTheKey = await verify(signed, loaderFor(rotated.controller));

    // Then the repeat is the same answer without re-canonicalizing, and the changes are caught
    expect(first.verified).toBe(true);
    expect(second).toBe(first); // the very object: answered from memory
    expect(tampered.verified).toBe(false);
    expect(withoutTheKey.verified).toBe(false);
  });

  it('verifies a document once for the requests that ask at once: every one gets that one answer', async () => {
    // Given a signed credential not verified yet
    const { signed, loader } = await signedByAnIssuer();
    const verify = memoizedProofVerifier();

    // When 16 verifications of it (a copy each, and the frozen original) start at the same moment
    const frozen = deepFreeze(structuredClone(signed));
    const answers = await Promise.all([
      ...Array.from({ length: 16 }, () => verify(structuredClone(signed), loader)),
      verify(frozen, loader),
    ]);

    // Then one canonicalization answered them all: the very same result object
    expect(answers[0]!.verified).toBe(true);
    expect(new Set(answers).size).toBe(1);
  });

  it('answers a deep-frozen document by identity, and still catches a changed key document', async () => {
    // Given a signed credential, deep-frozen as the export cache hands it out
    const { signed, loader } = await signedByAnIssuer();
    const frozen = deepFreeze(signed);
    const verify = memoizedProofVerifier();

    // When it is verified twice, then against a key document without its key
    const first = await verify(frozen, loader);
    const second = await verify(frozen, loader);
    const withoutTheKey = await verify(frozen, loaderFor((await testIssuer('url')).controller));

    // Then the repeat is the remembered answer, and the other key document is verified afresh
    expect(first.verified).toBe(true);
    expect(second).toBe(first);
    expect(withoutTheKey.verified).toBe(false);
  });
});
