import {
  buildAchievementCredential,
  controllerResolver,
  createDocumentLoader,
  inMemoryControllers,
  signDataIntegrity,
  verifyDataIntegrity,
  type DataIntegritySigning,
} from '@credence/credentials';
import { achievementInput } from '@credence/credentials/testing/fixtures';
import { testIssuer } from '@credence/credentials/testing/issuer-fixture';
import { problemOf } from '../http/problem.filter';
import { ProofThread, ProofThreadError } from './proof-thread';

const CREATED = '2026-11-21T09:31:00Z';

/** An issuer, its OB 3.0 credential unsigned, and what signing it takes (in process or in the thread). */
const given = async () => {
  const issuer = await testIssuer('url');
  const loader = createDocumentLoader(controllerResolver(inMemoryControllers([issuer.controller])));
  const signing: DataIntegritySigning = {
    signer: issuer.ed25519.signer,
    verificationMethod: issuer.verificationMethod,
    documentLoader: loader,
    created: CREATED,
  };
  const { credential } = buildAchievementCredential(achievementInput(issuer.profile));
  return { issuer, loader, signing, credential: credential as Record<string, unknown> };
};

describe('ProofThread: Data Integrity proofs in a worker thread', () => {
  let thread: ProofThread;
  afterEach(() => thread.onApplicationShutdown());

  it('given a credential, when signed in the thread, then it is byte for byte what signing in process gives', async () => {
    const { credential, signing } = await given();
    thread = new ProofThread();

    const [inThread, inProcess] = [
      await thread.sign(credential, signing),
      await signDataIntegrity(credential, signing),
    ];

    expect(JSON.stringify(inThread)).toBe(JSON.stringify(inProcess));
  });

  it('given signed, tampered and unresolvable credentials, when verified in the thread, then each answer is the in-process one', async () => {
    const { credential, signing, loader } = await given();
    thread = new ProofThread();
    const signed = await signDataIntegrity(credential, signing);
    const tampered = { ...signed, name: 'Not what was signed' };
    const unknownIssuer = createDocumentLoader();

    for (const [document, documentLoader] of [
      [signed, loader],
      [tampered, loader],
      [signed, unknownIssuer],
    ] as const) {
      const answer = await thread.verify(document, documentLoader);
      expect(answer).toEqual(await verifyDataIntegrity(document, documentLoader));
    }
    expect((await thread.verify(signed, loader)).verified).toBe(true);
    expect((await thread.verify(tampered, loader)).verified).toBe(false);
  });

  it('given a signer that fails, when signing in the thread, then the signer’s own error is thrown', async () => {
    const { credential, signing } = await given();
    thread = new ProofThread();
    const refused = new RangeError('the key store is sealed');

    const signingFails = thread.sign(credential, {
      ...signing,
      signer: { algorithm: 'Ed25519', sign: () => Promise.reject(refused) },
    });

    await expect(signingFails).rejects.toBe(refused);
  });

  it('given a job the thread’s heap cannot hold, when it crashes, then the job fails with ProofThreadError and the next one runs in a new thread', async () => {
    const { credential, signing } = await given();
    thread = new ProofThread();
    // ~200 MB of strings, cloned into a thread whose old generation may hold 64 MB (PROOF_THREAD_LIMITS).
    const huge = {
      ...credential,
      evidence: Array.from({ length: 50 }, (_, i) => `${i}`.padEnd(4_000_000, 'x')),
    };

    const crashed = thread.verify(huge, signing.documentLoader);

    await expect(crashed).rejects.toBeInstanceOf(ProofThreadError);
    expect(problemOf(await crashed.catch((error: unknown) => error))).toMatchObject({
      status: 503,
      code: 'proofs-unavailable',
    });
    const signed = await thread.sign(credential, signing);

    expect(JSON.stringify(signed)).toBe(JSON.stringify(await signDataIntegrity(credential, signing)));
  });
});
