import type { JWK } from 'jose';
import type { ControllerDocument } from '../ob3/issuer-profile';
import { didWebDocumentUrl } from '../ob3/issuer-identity';
import type { DocumentResolver } from './document-loader';
import type { ControllerDocumentSource } from './controller-resolver';

export type Fetch = typeof globalThis.fetch;

/**
 * Documents served by one Credence deployment, fetched over HTTP: what a verifier of our
 * credentials does, and how tests point the loader at a running API. Only URLs on the
 * deployment's own origin are fetched; every other URL stays "not mine", so the loader's
 * no-network rule holds for the rest of the world.
 */
export const sameOriginResolver = (
  publicUrl: string,
  fetchImpl: Fetch = globalThis.fetch,
): DocumentResolver => {
  const origin = new URL(publicUrl).origin;
  return async (url) => {
    if (!URL.canParse(url) || new URL(url).origin !== origin) return undefined;
    const response = await fetchImpl(url, { headers: { accept: 'application/ld+json, application/json' } });
    if (response.status === 404) return undefined;
    if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
    return (await response.json()) as object;
  };
};

/**
 * Controller documents of the deployment: `url`-form ids are fetched as they are, did:web ids
 * at their did.json on the same origin. `http` did:web is for local tests only; did:web itself
 * resolves over https.
 */
export const httpControllerSource = (
  publicUrl: string,
  fetchImpl: Fetch = globalThis.fetch,
): ControllerDocumentSource => {
  const resolve = sameOriginResolver(publicUrl, fetchImpl);
  const scheme = new URL(publicUrl).protocol === 'http:' ? 'http' : 'https';
  return async (controllerId) => {
    const url = controllerId.startsWith('did:web:') ? didWebDocumentUrl(controllerId, scheme) : controllerId;
    return (await resolve(url)) as ControllerDocument | undefined;
  };
};

/** Public JWKs by `kid`, fetched only from the deployment's origin. */
export const httpJwkResolver =
  (publicUrl: string, fetchImpl: Fetch = globalThis.fetch) =>
  async (kid: string): Promise<JWK | undefined> =>
    (await sameOriginResolver(publicUrl, fetchImpl)(kid)) as JWK | undefined;
