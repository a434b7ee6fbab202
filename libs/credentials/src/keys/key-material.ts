import { createPrivateKey, generateKeyPairSync, sign, type JsonWebKey, type KeyObject } from 'node:crypto';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import * as EcdsaMultikey from '@digitalbazaar/ecdsa-multikey';
import type { JWK } from 'jose';
import type { KeyAlgorithm, RawSigner } from './key-store';

/** A fresh private key in its storable form (a private JWK, as text), with its public forms. */
export type GeneratedKey = Readonly<{ privateKey: string; publicKeyMultibase: string; publicJwk: JWK }>;

export const generateKey = async (algorithm: KeyAlgorithm): Promise<GeneratedKey> => {
  const { privateKey } =
    algorithm === 'Ed25519'
      ? generateKeyPairSync('ed25519')
      : generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const privateJwk = privateKey.export({ format: 'jwk' }) as JWK;
  return { privateKey: JSON.stringify(privateJwk), ...(await publicForms(algorithm, privateJwk)) };
};

export const publicJwkOf = ({ kty, crv, x, y }: JWK): JWK =>
  y === undefined ? { kty, crv, x } : { kty, crv, x, y };

/** Multikey encodings come from the Digital Bazaar packages, so they match what verifiers decode. */
export const publicForms = async (
  algorithm: KeyAlgorithm,
  jwk: JWK,
): Promise<Omit<GeneratedKey, 'privateKey'>> => {
  const publicJwk = publicJwkOf(jwk);
  const multikey =
    algorithm === 'Ed25519'
      ? await Ed25519Multikey.fromJwk({ jwk: publicJwk })
      : await EcdsaMultikey.fromJwk({ jwk: publicJwk });
  return { publicKeyMultibase: multikey.publicKeyMultibase, publicJwk };
};

/** A signer over a stored private key: Ed25519 raw, or ES256 in the r‖s form JWS uses. */
export const signerFor = (algorithm: KeyAlgorithm, privateKey: string): RawSigner => {
  const key: KeyObject = createPrivateKey({ key: JSON.parse(privateKey) as JsonWebKey, format: 'jwk' });
  return {
    algorithm,
    sign: async (data) =>
      algorithm === 'Ed25519'
        ? new Uint8Array(sign(null, data, key))
        : new Uint8Array(sign('sha256', data, { key, dsaEncoding: 'ieee-p1363' })),
  };
};
