import { createDocumentLoader, staticDocuments } from '../jsonld/document-loader';
import { controllerResolver, inMemoryControllers } from '../jsonld/controller-resolver';
import { buildAchievementCredential } from '../ob3/achievement-credential';
import type { IssuerIdForm } from '../ob3/issuer-identity';
import { Bitstring } from '../status/bitstring';
import { buildStatusListCredential } from '../status/status-list-credential';
import fc from 'fast-check';
import { arbitraryCredential, arbitrarySpecification } from '../testing/arbitraries';
import { achievementInput } from '../testing/fixtures';
import { ed25519Signing, testIssuer } from '../testing/issuer-fixture';
import { verifyIndependently } from '../testing/independent-verifier';
import { signDataIntegrity, verifyDataIntegrity } from './data-integrity';

const CREATED = '2026-11-21T09:31:00Z';
const NOW = '2027-01-15T12:00:00Z';

/** Given an issuer in one id form, its signed credential and its two signed status lists, as the API would serve them. */
const given = async (form: IssuerIdForm, bits: { revoked?: boolean; suspended?: boolean } = {}) => {
  const issuer = await testIssuer(form);
  const input = achievementInput(issuer.profile);
  const signing = ed25519Signing(issuer, CREATED);
  const served = new Map<string, object>([[issuer.id, issuer.controller]]);
  for (const entry of input.status) {
    const set = entry.statusPurpose === 'revocation' ? bits.revoked : bits.suspended;
    const list = Bitstring.empty().with(Number(entry.statusListIndex), set === true);
    const unsigned = buildStatusListCredential({
      url: entry.statusListCredential,
      issuer: issuer.id,
      purpose: entry.statusPurpose,
      list,
      validFrom: CREATED,
      ttlMs: 300_000,
    });
    served.set(entry.statusListCredential, await signDataIntegrity(unsigned, signing));
  }
  const signed = await signDataIntegrity(buildAchievementCredential(input).credential, signing);
  const ourLoader = createDocumentLoader(
    controllerResolver(inMemoryControllers([issuer.controller])),
    staticDocuments(served),
  );
  return { issuer, signed, served, ourLoader };
};

describe('Data Integrity eddsa-rdfc-2022 signing', () => {
  it.each<IssuerIdForm>(['url', 'did-web', 'did-key'])(
    'a credential of a %s issuer verifies with Digital Bazaar verifyCredential, status lists included',
    async (form) => {
      const { signed, served, issuer } = await given(form);

      const result = await verifyIndependently(signed, served, NOW);

      expect(result.error).toBeUndefined();
      expect(result.verified).toBe(true);
      expect(
        result.statusResult?.results?.map((entry) => [entry.credentialStatus.statusPurpose, entry.status]),
      ).toEqual([
        ['revocation', false],
        ['suspension', false],
      ]);
      expect(signed.proof).toEqual([
        expect.objectContaining({
          type: 'DataIntegrityProof',
          cryptosuite: 'eddsa-rdfc-2022',
          proofPurpose: 'assertionMethod',
          verificationMethod: `${issuer.id}#${issuer.ed25519.publicKeyMultibase}`,
          created: CREATED,
        }),
      ]);
    },
  );

  it('a revoked credential still has a valid proof, and the independent status check reports the bit', async () => {
    const { signed, served, ourLoader } = await given('url', { revoked: true });

    const independent = await verifyIndependently(signed, served, NOW);
    const ours = await verifyDataIntegrity(signed, ourLoader);

    expect(
      independent.statusResult?.results?.find(
        (entry) => entry.credentialStatus.statusPurpose === 'revocation',
      )?.status,
    ).toBe(true);
    expect(ours.verified).toBe(true);
  });

  it('any specification and credential the ledger can hold sign (JSON-LD safe mode) and verify independently', async () => {
    const issuer = await testIssuer('url');
    const signing = ed25519Signing(issuer, CREATED);
    const served = new Map([[issuer.id, issuer.controller]]);

    await fc.assert(
      fc.asyncProperty(arbitrarySpecification, arbitraryCredential, async (specification, credential) => {
        const built = buildAchievementCredential({
          credential,
          specification,
          issuer: issuer.profile,
          status: [],
        });
        const signed = await signDataIntegrity(built.credential, signing);
        const result = await verifyIndependently(signed, served, credential.validFrom);

        expect(result.error?.errors?.map((error) => error.message) ?? result.error?.message).toBeUndefined();
        expect(result.verified).toBe(true);
      }),
      { numRuns: 15 },
    );
  });

  it('signing the same credential twice gives the same proof (so a signed export can be cached)', async () => {
    const issuer = await testIssuer('url');
    const signing = ed25519Signing(issuer, CREATED);
    const { credential } = buildAchievementCredential(achievementInput(issuer.profile));

    expect(await signDataIntegrity(credential, signing)).toEqual(
      await signDataIntegrity(credential, signing),
    );
  });

  type Exported = {
    name: string;
    validFrom: string;
    validUntil: string;
    credentialSubject: { identifier: Array<{ identityHash: string }>; result: Array<{ value: string }> };
  };
  type Tamper = [name: string, change: (credential: Exported) => void];
  const tampers: Tamper[] = [
    ['one character of the name', (c) => (c.name = c.name.replace('D', 'd'))],
    [
      'the learner hash swapped',
      (c) => (c.credentialSubject.identifier[0].identityHash = `sha256$${'f'.repeat(64)}`),
    ],
    ['validUntil moved', (c) => (c.validUntil = '2041-11-21T00:00:00Z')],
    ['validFrom moved', (c) => (c.validFrom = '2025-11-21T00:00:00Z')],
    ['the grade changed', (c) => (c.credentialSubject.result[0].value = '9.5')],
  ];
  it.each(tampers)(
    'tampering (%s) fails the proof, for Digital Bazaar and for our proof check',
    async (_name, change) => {
      const { signed, served, ourLoader } = await given('url');
      const tampered = structuredClone(signed);
      change(tampered as unknown as Exported);

      const independent = await verifyIndependently(tampered, served, NOW);
      const ours = await verifyDataIntegrity(tampered, ourLoader);

      expect(independent.verified).toBe(false);
      expect(ours.verified).toBe(false);
      expect(ours.errors.join(' ')).toMatch(/invalid signature/i);
    },
  );

  it('a proof by a key the issuer does not list fails, even though the signature itself is sound', async () => {
    const { issuer, served, ourLoader } = await given('url');
    const stranger = await testIssuer('url', 'iss-other');
    const forged = await signDataIntegrity(
      buildAchievementCredential(achievementInput(issuer.profile)).credential,
      {
        signer: stranger.ed25519.signer,
        verificationMethod: `${issuer.id}#${stranger.ed25519.publicKeyMultibase}`,
        documentLoader: createDocumentLoader(),
        created: CREATED,
      },
    );

    const independent = await verifyIndependently(forged, served, NOW);
    const ours = await verifyDataIntegrity(forged, ourLoader);

    expect(independent.verified).toBe(false);
    expect(ours.verified).toBe(false);
    expect(ours.errors.join(' ')).toContain(stranger.ed25519.publicKeyMultibase);
  });
});
