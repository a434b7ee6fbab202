import { signDataIntegrity } from '../signing/data-integrity';
import { bitstringOf } from '../status/bitstring';
import { createDocumentLoader, staticDocuments } from '../jsonld/document-loader';
import { controllerResolver, inMemoryControllers } from '../jsonld/controller-resolver';
import { issuerJwkUrl } from '../ob3/issuer-identity';
import { signVcJwt } from '../signing/vc-jwt';
import { PUBLIC_URL, testKey } from '../testing/issuer-fixture';
import { NOW, SIGNED_AT, verificationScenario } from '../testing/verification-scenario';
import { notApplicable, passed } from './check';
import { verifyPresentedCredential, type PluggableCheck } from './verify';

const byId = (checks: readonly { id: string; passed: boolean; notApplicable?: true }[]) =>
  Object.fromEntries(checks.map((check) => [check.id, check.notApplicable ? 'n/a' : check.passed]));

const ALL_PASS = {
  proof: true,
  'issuer-key': true,
  schema: true,
  'status.revocation': true,
  'status.suspension': true,
  validity: true,
};

describe('verifyPresentedCredential', () => {
  it.each(['json', 'jwt'] as const)(
    'a sound credential (%s form) passes every check, each with a message and evidence',
    async (form) => {
      const scenario = await verificationScenario();

      const answer = await verifyPresentedCredential(scenario[form], scenario.deps);

      expect(byId(answer.checks)).toEqual(ALL_PASS);
      expect(answer.verified).toBe(true);
      for (const check of answer.checks) {
        expect(check.message).not.toBe('');
        expect(check.evidence).toBeDefined();
      }
      expect(answer.checks.find((check) => check.id === 'issuer-key')?.evidence).toMatchObject({
        issuedAtSource: 'log',
        issuedAt: '2026-11-21T09:30:00Z',
      });
    },
  );

  it.each(['did-web', 'did-key'] as const)(
    'an issuer in the %s form: both proof forms pass every check',
    async (form) => {
      const scenario = await verificationScenario({ form });

      for (const presented of [scenario.json, scenario.jwt]) {
        const answer = await verifyPresentedCredential(presented, scenario.deps);
        expect(byId(answer.checks)).toEqual(ALL_PASS);
      }
    },
  );

  type Tamper = [
    name: string,
    change: (
      credential: Record<string, unknown> & {
        credentialSubject: { identifier: Array<{ identityHash: string }> };
      },
    ) => void,
  ];
  it.each<Tamper>([
    ['one character of the name', (c) => (c.name = `${String(c.name)}.`)],
    [
      'the learner hash swapped',
      (c) => (c.credentialSubject.identifier[0]!.identityHash = `sha256$${'0'.repeat(64)}`),
    ],
    ['the dates altered', (c) => (c.validUntil = '2045-01-01T00:00:00Z')],
  ])('tampering (%s) fails proof and only proof', async (_name, change) => {
    const scenario = await verificationScenario();
    const tampered = structuredClone(scenario.json);
    change(tampered as never);

    const answer = await verifyPresentedCredential(tampered, scenario.deps);

    expect(byId(answer.checks)).toEqual({ ...ALL_PASS, proof: false });
    expect(answer.verified).toBe(false);
    expect(answer.checks[0]?.message).toMatch(/does not verify/);
  });

  it('a vc+jwt signed with another issuer’s key (same key id) passes proof but fails issuer-key', async () => {
    const scenario = await verificationScenario();
    const other = await testKey('iss-other', scenario.issuer.p256.keyId, 'P-256');
    const otherKid = issuerJwkUrl(PUBLIC_URL, 'iss-other', other.keyId);
    const jwt = await signVcJwt(scenario.credential, { signer: other.signer, kid: otherKid });
    const resolveJwk = async (kid: string) =>
      kid === otherKid ? other.publicJwk : scenario.deps.resolveJwk(kid);

    const answer = await verifyPresentedCredential(jwt, { ...scenario.deps, resolveJwk });

    expect(byId(answer.checks)).toEqual({ ...ALL_PASS, 'issuer-key': false });
    expect(answer.checks[1]?.message).toMatch(/controller is not the issuer/);
  });

  it('a tampered vc+jwt fails proof', async () => {
    const scenario = await verificationScenario();
    const [header, , signature] = scenario.jwt.split('.');
    const payload = Buffer.from(
      JSON.stringify({
        ...scenario.credential,
        name: 'Something else',
        iss: scenario.issuer.id,
        jti: scenario.credential.id,
      }),
    ).toString('base64url');

    const answer = await verifyPresentedCredential(`${header}.${payload}.${signature}`, scenario.deps);

    expect(byId(answer.checks)).toMatchObject({ proof: false, schema: true });
  });

  it.each([
    [{ revoked: true }, 'status.revocation', 'The issuer has revoked this credential.'],
    [{ suspended: true }, 'status.suspension', 'The issuer has suspended this credential.'],
  ] as const)(
    'a set bit fails the status check, read from the signed list (%j)',
    async (bits, id, message) => {
      const scenario = await verificationScenario(bits);

      const answer = await verifyPresentedCredential(scenario.json, scenario.deps);

      expect(answer.checks.find((check) => check.id === id)).toMatchObject({
        passed: false,
        message,
        evidence: { bit: 1 },
      });
      expect(answer.verified).toBe(false);
    },
  );

  it('an unreachable or unverifiable status list fails the status check (strict)', async () => {
    const scenario = await verificationScenario();
    const [revocationUrl] = [...scenario.lists.keys()];
    const forged = structuredClone(scenario.lists.get(revocationUrl!)) as {
      credentialSubject: { encodedList: string };
    };
    // Someone else's copy of the list, with this credential's bit set: its proof no longer matches.
    forged.credentialSubject.encodedList = bitstringOf([
      Number(scenario.input.status[0]!.statusListIndex),
    ]).encode();
    const controllers = controllerResolver(inMemoryControllers([scenario.issuer.controller]));
    const noLists = { ...scenario.deps, documentLoader: createDocumentLoader(controllers) };
    const forgedLists = {
      ...scenario.deps,
      documentLoader: createDocumentLoader(
        controllers,
        staticDocuments(new Map([...scenario.lists, [revocationUrl!, forged]])),
      ),
    };

    const unreachable = await verifyPresentedCredential(scenario.json, noLists);
    const unverifiable = await verifyPresentedCredential(scenario.json, forgedLists);

    expect(unreachable.checks.find((check) => check.id === 'status.revocation')?.message).toMatch(
      /could not be loaded/,
    );
    expect(unverifiable.checks.find((check) => check.id === 'status.revocation')?.message).toMatch(
      /proof does not verify/,
    );
    expect([unreachable.verified, unverifiable.verified]).toEqual([false, false]);
  });

  it('validity: before validFrom and at validUntil the credential is not valid', async () => {
    const scenario = await verificationScenario();

    const early = await verifyPresentedCredential(scenario.json, {
      ...scenario.deps,
      now: '2026-11-20T00:00:00Z',
    });
    const expired = await verifyPresentedCredential(scenario.json, {
      ...scenario.deps,
      now: '2031-11-21T00:00:00Z',
    });

    expect(byId(early.checks)).toEqual({ ...ALL_PASS, validity: false });
    expect(byId(expired.checks)).toEqual({ ...ALL_PASS, validity: false });
    expect(expired.checks.find((check) => check.id === 'validity')?.message).toBe(
      'The credential expired at 2031-11-21T00:00:00Z.',
    );
  });

  it('a key compromised since before issuance fails issuer-key; compromised after issuance, the credential stands', async () => {
    const compromisedBefore = await verificationScenario({
      history: ({ ed }) => [
        {
          keyId: 'k1-ed',
          publicKeyMultibase: ed,
          activatedAt: '2026-01-01T00:00:00Z',
          compromisedSince: '2026-11-01T00:00:00Z',
        },
      ],
    });
    const compromisedAfter = await verificationScenario({
      history: ({ ed }) => [
        {
          keyId: 'k1-ed',
          publicKeyMultibase: ed,
          activatedAt: '2026-01-01T00:00:00Z',
          compromisedSince: '2026-12-01T00:00:00Z',
        },
      ],
    });

    const failing = await verifyPresentedCredential(compromisedBefore.json, compromisedBefore.deps);
    const standing = await verifyPresentedCredential(compromisedAfter.json, compromisedAfter.deps);

    expect(byId(failing.checks)).toEqual({ ...ALL_PASS, 'issuer-key': false });
    expect(failing.checks[1]?.message).toBe(
      'The key is reported compromised since 2026-11-01T00:00:00Z, and the credential was issued at 2026-11-21T09:30:00Z.',
    );
    expect(byId(standing.checks)).toEqual(ALL_PASS);
  });

  it('a presentation on record is judged at its signing instant: issued before a rotation, signed with the new key after it', async () => {
    const scenario = await verificationScenario({
      history: ({ ed }) => [{ keyId: 'k2-ed', publicKeyMultibase: ed, activatedAt: '2026-11-21T09:30:30Z' }],
    });
    const onRecord = {
      ...scenario.deps,
      signedAtOnRecord: async (given: unknown) => (given === scenario.json ? SIGNED_AT : undefined),
    };

    const judgedAtIssuance = await verifyPresentedCredential(scenario.json, scenario.deps);
    const judgedAtSigning = await verifyPresentedCredential(scenario.json, onRecord);

    expect(judgedAtIssuance.checks[1]?.message).toMatch(
      /activated at 2026-11-21T09:30:30Z, after the credential was issued/,
    );
    expect(judgedAtSigning.checks[1]).toMatchObject({
      passed: true,
      evidence: { issuedAt: SIGNED_AT, issuedAtSource: 'signed-export' },
    });
  });

  it('rotation: a key retired after issuance keeps the credential verifiable; one retired before fails it', async () => {
    const retiredLater = await verificationScenario({
      history: ({ ed }) => [
        {
          keyId: 'k1-ed',
          publicKeyMultibase: ed,
          activatedAt: '2026-01-01T00:00:00Z',
          retiredAt: '2026-12-01T00:00:00Z',
        },
        { keyId: 'k2-ed', publicKeyMultibase: 'z6MkNewKey', activatedAt: '2026-12-01T00:00:00Z' },
      ],
    });
    const retiredBefore = await verificationScenario({
      history: ({ ed }) => [
        {
          keyId: 'k1-ed',
          publicKeyMultibase: ed,
          activatedAt: '2026-01-01T00:00:00Z',
          retiredAt: '2026-06-01T00:00:00Z',
        },
      ],
    });

    expect((await verifyPresentedCredential(retiredLater.json, retiredLater.deps)).verified).toBe(true);
    expect(byId((await verifyPresentedCredential(retiredBefore.json, retiredBefore.deps)).checks)).toEqual({
      ...ALL_PASS,
      'issuer-key': false,
    });
  });

  it('a credential this ledger did not issue: issuer-key is not applicable, and pluggable checks can say so too', async () => {
    const scenario = await verificationScenario();
    const foreignDeps = {
      ...scenario.deps,
      keyHistory: async () => undefined,
      issuedAtInLog: async () => undefined,
    };
    const accreditation: PluggableCheck = async ({ issuedAt }) =>
      issuedAt
        ? passed('accreditation', 'Accredited')
        : notApplicable('accreditation', 'Issued elsewhere: no accreditation on this ledger.');
    const logInclusion: PluggableCheck = async () => undefined;

    const answer = await verifyPresentedCredential(scenario.json, {
      ...foreignDeps,
      pluggable: [accreditation, logInclusion],
    });

    expect(byId(answer.checks)).toEqual({ ...ALL_PASS, 'issuer-key': 'n/a', accreditation: 'n/a' });
    expect(answer.checks.find((check) => check.id === 'issuer-key')?.evidence).toMatchObject({
      issuedAtSource: 'proof.created',
    });
    expect(answer.checks.map((check) => check.id)).not.toContain('log-inclusion');
    expect(answer.verified).toBe(true);
  });

  it('schema: a signed credential missing OB 3.0 fields fails schema (and its proof is still valid)', async () => {
    const scenario = await verificationScenario();
    const { credential } = scenario;
    const bare = {
      ...credential,
      credentialSubject: {
        type: ['AchievementSubject'],
        identifier: [],
        achievement: { id: 'urn:x', type: ['Achievement'], name: 'x' },
      },
    };
    const signed = await signDataIntegrity(bare, {
      signer: scenario.issuer.ed25519.signer,
      verificationMethod: scenario.issuer.verificationMethod,
      documentLoader: scenario.deps.documentLoader,
      created: '2026-11-21T09:31:00Z',
    });

    const answer = await verifyPresentedCredential(signed, scenario.deps);

    expect(byId(answer.checks)).toMatchObject({ proof: true, schema: false });
    expect(answer.checks.find((check) => check.id === 'schema')?.evidence).toEqual({
      missing: ['credentialSubject.achievement.description', 'credentialSubject.achievement.criteria'],
    });
  });

  it('never reads the clock: the same inputs at the same `now` answer the same', async () => {
    const scenario = await verificationScenario();

    expect(await verifyPresentedCredential(scenario.json, scenario.deps)).toEqual(
      await verifyPresentedCredential(scenario.json, { ...scenario.deps, now: NOW }),
    );
  });
});
