import { base64url, exportJWK, generateKeyPair, importJWK, jwtVerify, SignJWT, type JWK } from 'jose';
import { buildAchievementCredential } from '../ob3/achievement-credential';
import { achievementInput } from '../testing/fixtures';
import { testIssuer } from '../testing/issuer-fixture';
import { signVcJwt, verifyVcJwt } from './vc-jwt';

const given = async () => {
  const issuer = await testIssuer('url');
  const { credential } = buildAchievementCredential(achievementInput(issuer.profile));
  const jwt = await signVcJwt(credential, { signer: issuer.p256.signer, kid: issuer.kid });
  const jwks = new Map<string, JWK>([[issuer.kid, issuer.p256.publicJwk]]);
  return { issuer, credential, jwt, resolve: async (kid: string) => jwks.get(kid) };
};

const withPayload = (jwt: string, change: (claims: Record<string, unknown>) => void) => {
  const [header, payload, signature] = jwt.split('.');
  const claims = JSON.parse(new TextDecoder().decode(base64url.decode(payload!))) as Record<string, unknown>;
  change(claims);
  return `${header}.${base64url.encode(JSON.stringify(claims))}.${signature}`;
};

describe('vc+jwt (VC-JOSE-COSE, ES256)', () => {
  it('verifies with jose jwtVerify against the public JWK, typ vc+jwt, the credential as the claims set', async () => {
    const { issuer, credential, jwt } = await given();

    const { payload, protectedHeader } = await jwtVerify(
      jwt,
      await importJWK(issuer.p256.publicJwk, 'ES256'),
      {
        algorithms: ['ES256'],
        typ: 'vc+jwt',
        currentDate: new Date('2027-01-15T12:00:00Z'),
      },
    );

    expect(protectedHeader).toEqual({ alg: 'ES256', typ: 'vc+jwt', kid: issuer.kid });
    expect(protectedHeader.kid).toMatch(/^http:\/\/127\.0\.0\.1:3000\/issuers\/iss-hu\/keys\/k1-p256\.jwk$/);
    expect(payload).toEqual({
      ...credential,
      iss: issuer.id,
      jti: credential.id,
      nbf: Date.parse('2026-11-21T00:00:00Z') / 1000,
      exp: Date.parse('2031-11-21T00:00:00Z') / 1000,
    });
    expect(payload.sub).toBeUndefined(); // the learner has no id, only a hashed identifier
  });

  it('a credential without validUntil carries no exp', async () => {
    const issuer = await testIssuer('url');
    const input = achievementInput(issuer.profile);
    const { credential } = buildAchievementCredential({
      ...input,
      credential: { ...input.credential, validUntil: undefined },
    });

    const jwt = await signVcJwt(credential, { signer: issuer.p256.signer, kid: issuer.kid });
    const { payload } = await jwtVerify(jwt, await importJWK(issuer.p256.publicJwk, 'ES256'), {
      currentDate: new Date('2040-01-01T00:00:00Z'),
    });

    expect(payload.exp).toBeUndefined();
  });

  it('our verifier accepts it and returns the credential without the registered claims', async () => {
    const { credential, jwt, resolve, issuer } = await given();

    expect(await verifyVcJwt(jwt, resolve)).toEqual({ verified: true, kid: issuer.kid, credential });
  });

  it('one character changed in the claims fails, for jose and for our verifier', async () => {
    const { issuer, jwt, resolve } = await given();
    const tampered = withPayload(jwt, (claims) => (claims.name = 'Data Literacy for policy makers'));

    await expect(jwtVerify(tampered, await importJWK(issuer.p256.publicJwk, 'ES256'))).rejects.toThrow(
      /signature verification failed/,
    );
    expect(await verifyVcJwt(tampered, resolve)).toMatchObject({
      verified: false,
      error: expect.stringMatching(/signature verification failed/),
    });
  });

  /** A token signed by jose itself, with a key the resolver knows: only what the test changes is wrong. */
  const signedByJose = async (claims: Record<string, unknown>, typ: string) => {
    const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
    const kid = 'http://127.0.0.1:3000/issuers/iss-hu/keys/k9.jwk';
    const jwt = await new SignJWT(claims).setProtectedHeader({ alg: 'ES256', typ, kid }).sign(privateKey);
    const jwk = await exportJWK(publicKey);
    return { jwt, resolve: async (asked: string) => (asked === kid ? jwk : undefined) };
  };

  it('registered claims that do not mirror the credential fail, even when properly signed', async () => {
    const { credential, issuer } = await given();
    const { jwt, resolve } = await signedByJose(
      { ...credential, iss: issuer.id, jti: 'urn:uuid:someone-else' },
      'vc+jwt',
    );

    expect(await verifyVcJwt(jwt, resolve)).toMatchObject({
      verified: false,
      error: 'Claim jti does not mirror the credential',
    });
  });

  it('a token that is not typed vc+jwt fails', async () => {
    const { credential, issuer } = await given();
    const { jwt, resolve } = await signedByJose({ ...credential, iss: issuer.id, jti: credential.id }, 'JWT');

    expect(await verifyVcJwt(jwt, resolve)).toMatchObject({
      verified: false,
      error: 'typ is JWT, not vc+jwt',
    });
  });

  it('a kid the resolver does not know fails without fetching anything', async () => {
    const { jwt } = await given();

    expect(await verifyVcJwt(jwt, async () => undefined)).toMatchObject({
      verified: false,
      error: expect.stringMatching(/^No public key for kid http/),
    });
  });

  it('refuses a key that is not P-256 and a kid that is not an http(s) URL', async () => {
    const { issuer, credential } = await given();

    await expect(signVcJwt(credential, { signer: issuer.ed25519.signer, kid: issuer.kid })).rejects.toThrow(
      /P-256/,
    );
    await expect(
      signVcJwt(credential, { signer: issuer.p256.signer, kid: 'did:web:example#k1' }),
    ).rejects.toThrow(/http/);
  });
});
