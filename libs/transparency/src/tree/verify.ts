import { timingSafeEqual } from 'node:crypto';
import { HASH_SIZE, nodeHash } from './rfc9162';

/**
 * Proof verification for clients (the witness and auditor CLI). It works on the binary expansion
 * of the index (the inner part of the path, below the point where index and size-1 diverge, then
 * the right border), so it shares no code path with the generator in proofs.ts.
 * BigInt keeps the bit arithmetic exact beyond 2^31 leaves.
 */
const bitLength = (n: bigint): number => n.toString(2).replace(/^0+/, '').length;
const onesCount = (n: bigint): number => [...n.toString(2)].filter((c) => c === '1').length;
const trailingZeros = (n: bigint): number => {
  let count = 0;
  while (n > 0n && (n & 1n) === 0n) {
    n >>= 1n;
    count += 1;
  }
  return count;
};

const sameHash = (a: Uint8Array, b: Uint8Array): boolean =>
  a.length === HASH_SIZE && b.length === HASH_SIZE && timingSafeEqual(a, b);

const validHashes = (proof: readonly Uint8Array[]): boolean => proof.every((h) => h.length === HASH_SIZE);

/** How many proof hashes lie below the divergence point (inner) and on the right border. */
const decompose = (index: bigint, size: bigint): { inner: number; border: number } => {
  const inner = bitLength(index ^ (size - 1n));
  return { inner, border: onesCount(index >> BigInt(inner)) };
};

const chainInner = (seed: Uint8Array, proof: readonly Uint8Array[], index: bigint): Uint8Array =>
  proof.reduce(
    (acc, h, i) => (((index >> BigInt(i)) & 1n) === 0n ? nodeHash(acc, h) : nodeHash(h, acc)),
    seed,
  );

const chainInnerRight = (seed: Uint8Array, proof: readonly Uint8Array[], index: bigint): Uint8Array =>
  proof.reduce((acc, h, i) => (((index >> BigInt(i)) & 1n) === 1n ? nodeHash(h, acc) : acc), seed);

const chainBorderRight = (seed: Uint8Array, proof: readonly Uint8Array[]): Uint8Array =>
  proof.reduce((acc, h) => nodeHash(h, acc), seed);

export const verifyInclusion = (
  leafIndex: number,
  treeSize: number,
  leaf: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): boolean => {
  if (
    !Number.isSafeInteger(leafIndex) ||
    !Number.isSafeInteger(treeSize) ||
    leafIndex < 0 ||
    leafIndex >= treeSize
  )
    return false;
  if (!validHashes(proof) || leaf.length !== HASH_SIZE) return false;
  const index = BigInt(leafIndex);
  const { inner, border } = decompose(index, BigInt(treeSize));
  if (proof.length !== inner + border) return false;
  const partial = chainInner(leaf, proof.slice(0, inner), index);
  return sameHash(chainBorderRight(partial, proof.slice(inner)), root);
};

export const verifyConsistency = (
  from: number,
  to: number,
  proof: readonly Uint8Array[],
  fromRoot: Uint8Array,
  toRoot: Uint8Array,
): boolean => {
  if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || from < 0 || to < from) return false;
  if (!validHashes(proof)) return false;
  if (from === to) return proof.length === 0 && sameHash(fromRoot, toRoot);
  if (from === 0) return proof.length === 0;
  if (proof.length === 0) return false;
  const size1 = BigInt(from);
  const decomposed = decompose(size1 - 1n, BigInt(to));
  const shift = trailingZeros(size1);
  const inner = decomposed.inner - shift;
  // When the old tree is a complete subtree of the new one, its root is the seed and not sent.
  const completeOld = size1 === 1n << BigInt(shift);
  const seed = completeOld ? fromRoot : proof[0];
  const rest = completeOld ? proof : proof.slice(1);
  if (rest.length !== inner + decomposed.border) return false;
  const mask = (size1 - 1n) >> BigInt(shift);
  const innerPart = rest.slice(0, inner);
  const borderPart = rest.slice(inner);
  const oldRoot = chainBorderRight(chainInnerRight(seed, innerPart, mask), borderPart);
  const newRoot = chainBorderRight(chainInner(seed, innerPart, mask), borderPart);
  return sameHash(oldRoot, fromRoot) && sameHash(newRoot, toRoot);
};
