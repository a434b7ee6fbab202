import { createHash } from 'node:crypto';

/**
 * An independent verifier for tests, transcribed step by step from RFC 9162 section 2.1.3.2
 * (inclusion) and 2.1.4.2 (consistency). It has its own SHA-256 calls and BigInt counters and
 * imports nothing from the code that generates or verifies proofs in production.
 */
const H = (...parts: Uint8Array[]): Buffer => {
  const h = createHash('sha256');
  for (const part of parts) h.update(part);
  return h.digest();
};
const NODE = Uint8Array.of(0x01);
const equal = (a: Uint8Array, b: Uint8Array): boolean => Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0;
const lsb = (n: bigint): boolean => (n & 1n) === 1n;

export const rfcLeafHash = (input: Uint8Array): Buffer => H(Uint8Array.of(0x00), input);

/** Section 2.1.3.2, steps 1-5. */
export const rfcVerifyInclusion = (
  leafIndex: number,
  treeSize: number,
  hash: Uint8Array,
  inclusionPath: readonly Uint8Array[],
  rootHash: Uint8Array,
): boolean => {
  // 1. leaf_index >= tree_size fails.
  if (leafIndex >= treeSize || leafIndex < 0) return false;
  // 2.
  let fn = BigInt(leafIndex);
  let sn = BigInt(treeSize - 1);
  // 3.
  let r: Uint8Array = hash;
  // 4.
  for (const p of inclusionPath) {
    if (sn === 0n) return false;
    if (lsb(fn) || fn === sn) {
      r = H(NODE, p, r);
      if (!lsb(fn)) {
        while (!lsb(fn) && fn !== 0n) {
          fn >>= 1n;
          sn >>= 1n;
        }
      }
    } else {
      r = H(NODE, r, p);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  // 5.
  return sn === 0n && equal(r, rootHash);
};

/** Section 2.1.4.2, steps 1-7, for 0 < first < second (the RFC's preconditions). */
export const rfcVerifyConsistency = (
  first: number,
  second: number,
  firstHash: Uint8Array,
  secondHash: Uint8Array,
  consistencyPath: readonly Uint8Array[],
): boolean => {
  if (!(first > 0 && first < second)) return false;
  // 1.
  if (consistencyPath.length === 0) return false;
  // 2.
  const path = Number.isInteger(Math.log2(first)) ? [firstHash, ...consistencyPath] : [...consistencyPath];
  // 3.
  let fn = BigInt(first - 1);
  let sn = BigInt(second - 1);
  // 4.
  while (lsb(fn)) {
    fn >>= 1n;
    sn >>= 1n;
  }
  // 5.
  let fr: Uint8Array = path[0];
  let sr: Uint8Array = path[0];
  // 6.
  for (const c of path.slice(1)) {
    if (sn === 0n) return false;
    if (lsb(fn) || fn === sn) {
      fr = H(NODE, c, fr);
      sr = H(NODE, c, sr);
      if (!lsb(fn)) {
        while (!lsb(fn) && fn !== 0n) {
          fn >>= 1n;
          sn >>= 1n;
        }
      }
    } else {
      sr = H(NODE, sr, c);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  // 7.
  return equal(fr, firstHash) && equal(sr, secondHash) && sn === 0n;
};
