import vectors from '../fixtures/rfc6962-reference-tree.json';
import { treeOf } from '../testing/memory-tree';
import { rfcLeafHash, rfcVerifyConsistency, rfcVerifyInclusion } from '../testing/rfc9162-verifier';
import { consistencyProof, inclusionProof, rootHash } from './proofs';
import { EMPTY_ROOT, leafHash } from './rfc9162';
import { verifyConsistency, verifyInclusion } from './verify';

const hex = (h: Buffer) => h.toString('hex');
const bytes = (h: string) => Buffer.from(h, 'hex');
const leaves = vectors.leaves.map(bytes);
const root = (size: number) => bytes(vectors.roots[size - 1]);

describe('The tree against the RFC 6962 reference tree (transparency-dev/merkle test data)', () => {
  it('hashes the empty tree to SHA-256 of nothing', () => {
    expect(hex(EMPTY_ROOT)).toBe(vectors.emptyRoot);
  });

  it.each(vectors.roots.map((_, i) => i + 1))(
    'computes the published root of the first %i leaves',
    (size) => {
      // Given a tree of the first `size` reference leaves, appended one by one
      const tree = treeOf([]);
      leaves.slice(0, size).forEach((leaf) => tree.appendLeaves([leafHash(leaf)]));
      // Then its root is the published one
      expect(hex(rootHash(tree, size))).toBe(vectors.roots[size - 1]);
    },
  );

  it('gives the same roots when all leaves arrive in one batch, at every earlier size', () => {
    const tree = treeOf(leaves);
    vectors.roots.forEach((expected, i) => expect(hex(rootHash(tree, i + 1))).toBe(expected));
  });

  it.each(vectors.inclusion)(
    'produces the published inclusion proof for leaf $leafIndex of $treeSize',
    ({ leafIndex, treeSize, proof }) => {
      const tree = treeOf(leaves);
      const made = inclusionProof(tree, leafIndex, treeSize);
      expect(made.map(hex)).toEqual(proof);
      // And the independent RFC 9162 verifier and the client verifier accept it
      const leaf = rfcLeafHash(leaves[leafIndex]);
      expect(rfcVerifyInclusion(leafIndex, treeSize, leaf, made, root(treeSize))).toBe(true);
      expect(verifyInclusion(leafIndex, treeSize, leaf, made, root(treeSize))).toBe(true);
    },
  );

  it.each(vectors.consistency)(
    'produces the published consistency proof from $from to $to',
    ({ from, to, proof }) => {
      const tree = treeOf(leaves);
      const made = consistencyProof(tree, from, to);
      expect(made.map(hex)).toEqual(proof);
      expect(verifyConsistency(from, to, made, root(from), root(to))).toBe(true);
      // The RFC's algorithm covers 0 < from < to only; from = to is the empty proof above.
      expect(from === to || rfcVerifyConsistency(from, to, root(from), root(to), made)).toBe(true);
    },
  );

  it('verifies the published proofs in both verifiers and refuses them with one bit flipped', () => {
    for (const { leafIndex, treeSize, proof } of vectors.inclusion.filter((v) => v.proof.length > 0)) {
      const leaf = rfcLeafHash(leaves[leafIndex]);
      const flipped = proof.map(bytes);
      flipped[0][0] ^= 8;
      expect(rfcVerifyInclusion(leafIndex, treeSize, leaf, flipped, root(treeSize))).toBe(false);
      expect(verifyInclusion(leafIndex, treeSize, leaf, flipped, root(treeSize))).toBe(false);
    }
    for (const { from, to, proof } of vectors.consistency.filter((v) => v.proof.length > 0)) {
      const flipped = proof.map(bytes);
      flipped[flipped.length - 1][0] ^= 16;
      expect(rfcVerifyConsistency(from, to, root(from), root(to), flipped)).toBe(false);
      expect(verifyConsistency(from, to, flipped, root(from), root(to))).toBe(false);
    }
  });
});
