import { createHash } from 'node:crypto';
import { rfcLeafHash } from './rfc9162-verifier';

/** MTH straight from RFC 9162 2.1.1's recursive definition, with its own hashing: the tests' oracle. */
export const referenceRoot = (inputs: readonly Uint8Array[]): Buffer => {
  if (inputs.length === 0) return createHash('sha256').digest();
  if (inputs.length === 1) return rfcLeafHash(inputs[0]);
  let k = 1;
  while (k * 2 < inputs.length) k *= 2;
  return createHash('sha256')
    .update(Uint8Array.of(1))
    .update(referenceRoot(inputs.slice(0, k)))
    .update(referenceRoot(inputs.slice(k)))
    .digest();
};

/** The root over a log's event hashes (hex), in log order. */
export const referenceRootOfHashes = (hexHashes: readonly string[]): Buffer =>
  referenceRoot(hexHashes.map((h) => Buffer.from(h, 'hex')));
