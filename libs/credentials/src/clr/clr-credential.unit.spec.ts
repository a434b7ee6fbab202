import { importJWK, jwtVerify } from 'jose';
import { buildAchievementCredential } from '../ob3/achievement-credential';
import { signVcJwt } from '../signing/vc-jwt';
import { achievementInput } from '../testing/fixtures';
import { testIssuer } from '../testing/issuer-fixture';
import { buildClrCredential, CLR_V2_CONTEXT } from './clr-credential';

const PLATFORM = { id: 'http://127.0.0.1:3000/platform', name: 'Credence ledger' };
const LEARNER = { identityType: 'identifier', identityHash: 'sha256$00', salt: 's' };

/** An OB 3.0 credential of the fixture, with its own id and achievement URL. */
const credential = (issuer: Awaited<ReturnType<typeof testIssuer>>, id: string, achievementUrl: string) => {
  const input = achievementInput(issuer.profile);
  return buildAchievementCredential({
    ...input,
    credential: { ...input.credential, credentialId: id },
    specification: { ...input.specification, url: achievementUrl },
  }).credential;
};

const given = async () => {
  const issuer = await testIssuer('url');
  const parts = [
    credential(issuer, 'c-1', 'https://x/spec/1'),
    credential(issuer, 'c-2', 'https://x/spec/2'),
  ];
  const stack = credential(issuer, 's-1', 'https://x/pathway/1');
  return { issuer, parts, stack };
};

const clrOf = (credentials: readonly Record<string, unknown>[], partial = false) =>
  buildClrCredential({
    clrId: 'clr-1',
    issuer: PLATFORM,
    name: 'Comprehensive learner record',
    validFrom: '2027-01-15T12:00:00Z',
    learner: LEARNER,
    credentials,
    stacks: [{ stackCredentialId: 'urn:uuid:s-1', componentCredentialIds: ['urn:uuid:c-1', 'urn:uuid:c-2'] }],
    partial,
  });

describe('CLR 2.0 ClrCredential', () => {
  it('embeds the credentials and links the pathway achievement to each component achievement (isParentOf)', async () => {
    const { parts, stack } = await given();

    const clr = clrOf([...parts, stack]);

    expect(clr['@context']).toEqual([
      'https://www.w3.org/ns/credentials/v2',
      CLR_V2_CONTEXT,
      expect.any(String),
    ]);
    expect(clr).toMatchObject({ id: 'urn:uuid:clr-1', type: ['VerifiableCredential', 'ClrCredential'] });
    const subject = clr.credentialSubject as Record<string, unknown[]>;
    expect(subject.verifiableCredential).toEqual([...parts, stack]);
    expect(subject.association).toEqual([
      {
        type: 'Association',
        associationType: 'isParentOf',
        sourceId: 'https://x/pathway/1',
        targetId: 'https://x/spec/1',
      },
      {
        type: 'Association',
        associationType: 'isParentOf',
        sourceId: 'https://x/pathway/1',
        targetId: 'https://x/spec/2',
      },
    ]);
    expect((subject.achievement as Array<{ id: string }>).map((a) => a.id)).toEqual([
      'https://x/spec/1',
      'https://x/spec/2',
      'https://x/pathway/1',
    ]);
  });

  it('links nothing to a component the reader cannot see, and says the record is partial', async () => {
    const { parts, stack } = await given();

    const clr = clrOf([parts[0]!, stack], true);

    expect(clr.partial).toBe(true);
    expect((clr.credentialSubject as { association: unknown[] }).association).toEqual([
      expect.objectContaining({ targetId: 'https://x/spec/1' }),
    ]);
  });

  it('signs as a vc+jwt that jose verifies, with no subject id to mirror', async () => {
    const { issuer, parts, stack } = await given();
    const clr = clrOf([...parts, stack]);

    const jwt = await signVcJwt(clr, {
      signer: issuer.p256.signer,
      kid: 'http://127.0.0.1:3000/platform/keys/p256-1.jwk',
    });

    const { payload } = await jwtVerify(jwt, await importJWK(issuer.p256.publicJwk, 'ES256'), {
      typ: 'vc+jwt',
      currentDate: new Date('2027-01-15T12:00:00Z'),
    });
    expect(payload).toEqual({ ...clr, iss: PLATFORM.id, jti: 'urn:uuid:clr-1', nbf: 1_800_014_400 });
  });
});
