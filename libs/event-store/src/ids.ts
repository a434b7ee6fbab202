import { hash } from 'node:crypto';

/**
 * A UUID-shaped id (version 5 layout, RFC 4122 variant) from the SHA-256 of `seed`: the same seed
 * always gives the same id, so retries of one command derive the same ids and dedupe.
 */
export const uuidFromSeed = (seed: string): string => {
  // One-shot: a Hash object per id cost about 3x more, and an issuance derives a dozen ids.
  const h = hash('sha256', seed, 'hex');
  const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
};
