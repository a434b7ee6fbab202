import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { treeOf } from '../testing/memory-tree';
import { referenceRoot } from '../testing/reference-root';
import { rfcLeafHash, rfcVerifyConsistency, rfcVerifyInclusion } from '../testing/rfc9162-verifier';
import { consistencyProof, inclusionProof, rootHash } from './proofs';
import { leafHash } from './rfc9162';
import type { SqliteTree } from '../sqlite/sqlite-tree';

/** Leaf inputs shaped like the ledger's: the 32-byte SHA-256 of the i-th event. */
const input = (i: number) => createHash('sha256').update(`event ${i}`).digest();
const MAX = 2000;
const inputs = Array.from({ length: MAX }, (_, i) => input(i));

/** One tree of MAX leaves, appended in uneven batches like group commits do. */
let tree: SqliteTree;
beforeAll(() => {
  tree = treeOf([]);
  for (let at = 0, batch = 1; at < MAX; at += batch, batch = ((batch * 7) % 61) + 1) {
    tree.appendLeaves(inputs.slice(at, at + batch).map((i) => leafHash(i)));
  }
});

const flipOne = (hashes: readonly Buffer[], which: number, bit: number): Buffer[] =>
  hashes.map((h, i) =>
    i === which % hashes.length
      ? Buffer.from(h.map((b, j) => (j === bit % 32 ? b ^ (1 << (bit % 8)) : b)))
      : h,
  );

const sizeAndIndex = fc
  .integer({ min: 1, max: MAX })
  .chain((size) => fc.tuple(fc.constant(size), fc.integer({ min: 0, max: size - 1 })));
const twoSizes = fc
  .integer({ min: 1, max: MAX - 1 })
  .chain((from) => fc.tuple(fc.constant(from), fc.integer({ min: from + 1, max: MAX })));

describe('Proofs over random tree sizes up to 2,000 (fast-check)', () => {
  it('stores a tree whose root at every size equals the RFC recursive definition', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX }), (size) => {
        expect(rootHash(tree, size).equals(referenceRoot(inputs.slice(0, size)))).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('every inclusion proof verifies; any changed hash, index or size fails', () => {
    fc.assert(
      fc.property(
        sizeAndIndex,
        fc.nat(),
        fc.nat(255),
        fc.integer({ min: 1, max: MAX }),
        ([size, index], which, bit, other) => {
          const root = rootHash(tree, size);
          const leaf = rfcLeafHash(inputs[index]);
          const proof = inclusionProof(tree, index, size);
          expect(rfcVerifyInclusion(index, size, leaf, proof, root)).toBe(true);
          const otherIndex = other % size;
          const tampered = [
            proof.length > 0 && rfcVerifyInclusion(index, size, leaf, flipOne(proof, which, bit), root),
            rfcVerifyInclusion(index, size, rfcLeafHash(input(index + MAX)), proof, root),
            otherIndex !== index && rfcVerifyInclusion(otherIndex, size, leaf, proof, root),
            other !== size &&
              other > index &&
              rfcVerifyInclusion(index, other, leaf, proof, rootHash(tree, other)),
          ];
          expect(tampered).toEqual([false, false, false, false]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('every consistency proof verifies; any changed hash or size fails', () => {
    fc.assert(
      fc.property(
        twoSizes,
        fc.nat(),
        fc.nat(255),
        fc.integer({ min: 1, max: MAX }),
        ([from, to], which, bit, other) => {
          const [oldRoot, newRoot] = [rootHash(tree, from), rootHash(tree, to)];
          const proof = consistencyProof(tree, from, to);
          expect(rfcVerifyConsistency(from, to, oldRoot, newRoot, proof)).toBe(true);
          const tampered = [
            rfcVerifyConsistency(from, to, oldRoot, newRoot, flipOne(proof, which, bit)),
            other !== from &&
              other < to &&
              rfcVerifyConsistency(other, to, rootHash(tree, other), newRoot, proof),
            other !== to &&
              other > from &&
              rfcVerifyConsistency(from, other, oldRoot, rootHash(tree, other), proof),
          ];
          expect(tampered).toEqual([false, false, false]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses indexes and sizes outside the tree', () => {
    expect(() => inclusionProof(tree, 5, 5)).toThrow(/not below/);
    expect(() => consistencyProof(tree, 6, 5)).toThrow(/beyond/);
    expect(() => rootHash(tree, MAX + 1)).toThrow(/no complete node/);
  });
});
