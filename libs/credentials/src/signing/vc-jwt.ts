import { base64url, compactVerify, decodeProtectedHeader, importJWK, type JWK } from 'jose';
import type { RawSigner } from '../keys/key-store';

export const VC_JWT_MEDIA_TYPE = 'application/vc+jwt';

const seconds = (isoDate: string) => Math.floor(Date.parse(isoDate) / 1000);
const encodeJson = (value: unknown) => base64url.encode(JSON.stringify(value));
const idOf = (value: unknown): string | undefined =>
  typeof value === 'string'
    ? value
    : typeof value === 'object' && value !== null && 'id' in value && typeof value.id === 'string'
      ? value.id
      : undefined;

/**
 * The registered claims that mirror the credential (VC-JOSE-COSE): `iss` the issuer, `jti` the
 * id, `sub` the subject id (absent here: the learner is a hashed identifier, not an id),
 * `nbf` validFrom and `exp` validUntil. No `iat`: the same credential signs to the same token.
 */
export const mirroredClaims = (credential: Record<string, unknown>) => {
  const { issuer, id, credentialSubject, validFrom, validUntil } = credential;
  const sub = idOf(credentialSubject);
  return {
    iss: idOf(issuer),
    jti: typeof id === 'string' ? id : undefined,
    ...(sub ? { sub } : {}),
    ...(typeof validFrom === 'string' ? { nbf: seconds(validFrom) } : {}),
    ...(typeof validUntil === 'string' ? { exp: seconds(validUntil) } : {}),
  };
};

/**
 * A compact JWS, `typ: vc+jwt`, `alg: ES256`, with the credential as the claims set. Signed
 * through a raw signer rather than jose's key objects, so a KMS-held key signs the same way;
 * jose does the encoding and, in the tests, the verifying.
 */
export const signVcJwt = async (
  credential: Record<string, unknown>,
  { signer, kid }: { signer: RawSigner; kid: string },
): Promise<string> => {
  if (signer.algorithm !== 'P-256') throw new Error(`ES256 needs a P-256 key, not ${signer.algorithm}`);
  if (!/^https?:\/\//.test(kid)) throw new Error(`kid must be an http(s) URL of the public JWK, not ${kid}`);
  const signingInput = `${encodeJson({ alg: 'ES256', typ: 'vc+jwt', kid })}.${encodeJson({ ...credential, ...mirroredClaims(credential) })}`;
  const signature = await signer.sign(new TextEncoder().encode(signingInput));
  return `${signingInput}.${base64url.encode(signature)}`;
};

export type JwtVerification =
  | Readonly<{ verified: true; kid: string; credential: Record<string, unknown> }>
  | Readonly<{ verified: false; kid?: string; error: string }>;

/**
 * Verifies a vc+jwt: ES256 only, `typ: vc+jwt`, the JWK the `kid` names (resolved by the caller,
 * never the network), and registered claims that agree with the credential they wrap. Dates are
 * the validity check's business, so `nbf`/`exp` are compared with the credential, not the clock.
 */
export const verifyVcJwt = async (
  jwt: string,
  resolveJwk: (kid: string) => Promise<JWK | undefined>,
): Promise<JwtVerification> => {
  let kid: string | undefined;
  try {
    kid = decodeProtectedHeader(jwt).kid;
    const jwk = kid ? await resolveJwk(kid) : undefined;
    if (!kid || !jwk)
      return { verified: false, ...(kid ? { kid } : {}), error: `No public key for kid ${kid ?? '(none)'}` };
    const { payload, protectedHeader } = await compactVerify(jwt, await importJWK(jwk, 'ES256'), {
      algorithms: ['ES256'],
    });
    if (protectedHeader.typ !== 'vc+jwt')
      return { verified: false, kid, error: `typ is ${protectedHeader.typ ?? '(none)'}, not vc+jwt` };
    const claims = JSON.parse(new TextDecoder().decode(payload)) as Record<string, unknown>;
    const { iss: _iss, jti: _jti, sub: _sub, nbf: _nbf, exp: _exp, ...credential } = claims;
    const mismatch = Object.entries(mirroredClaims(credential)).find(
      ([claim, value]) => claims[claim] !== value,
    );
    if (mismatch)
      return { verified: false, kid, error: `Claim ${mismatch[0]} does not mirror the credential` };
    return { verified: true, kid, credential };
  } catch (error) {
    return { verified: false, ...(kid ? { kid } : {}), error: (error as Error).message };
  }
};
