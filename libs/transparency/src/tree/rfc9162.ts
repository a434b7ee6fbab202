import { hash } from 'node:crypto';

/** RFC 9162 section 2.1.1: domain-separated SHA-256, so a leaf can never pass for a node. */
const LEAF_PREFIX = 0x00;
const NODE_PREFIX = 0x01;
export const HASH_SIZE = 32;

const leafScratch = Buffer.alloc(1 + HASH_SIZE);
const nodeScratch = Buffer.alloc(1 + 2 * HASH_SIZE);
nodeScratch[0] = NODE_PREFIX;

const sha256 = (data: Buffer): Buffer => hash('sha256', data, 'buffer') as unknown as Buffer;

/** MTH of the empty tree: SHA-256 of the empty string. */
export const EMPTY_ROOT = sha256(Buffer.alloc(0));

/** Leaf hash = SHA-256(0x00 ‖ input). The ledger's inputs are 32-byte event hashes; any length works. */
export const leafHash = (input: Uint8Array): Buffer => {
  if (input.length === HASH_SIZE) {
    leafScratch[0] = LEAF_PREFIX;
    leafScratch.set(input, 1);
    return sha256(leafScratch);
  }
  return sha256(Buffer.concat([Buffer.of(LEAF_PREFIX), input]));
};

/** The leaf hash of a hex event hash, decoded straight into the scratch buffer (no copy per leaf). */
export const leafHashOfHex = (hex: string): Buffer => {
  leafScratch[0] = LEAF_PREFIX;
  if (leafScratch.write(hex, 1, HASH_SIZE, 'hex') !== HASH_SIZE)
    throw new Error('an event hash is 64 hex digits');
  return sha256(leafScratch);
};

/** Node hash = SHA-256(0x01 ‖ left ‖ right). */
export const nodeHash = (left: Uint8Array, right: Uint8Array): Buffer => {
  nodeScratch.set(left, 1);
  nodeScratch.set(right, 1 + HASH_SIZE);
  return sha256(nodeScratch);
};

/** The RFC's split point k: the largest power of two strictly smaller than n (n >= 2). */
export const splitPoint = (n: number): number => {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
};
