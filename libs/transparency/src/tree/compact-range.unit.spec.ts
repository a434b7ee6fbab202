import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { treeOf } from '../testing/memory-tree';
import { referenceRoot } from '../testing/reference-root';
import { CompactRange } from './compact-range';

describe("CompactRange (the auditor's streaming root)", () => {
  it('gives the RFC root at every size it passes through', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300 }), (size) => {
        const inputs = Array.from({ length: size }, (_, i) => createHash('sha256').update(`e${i}`).digest());
        const range = new CompactRange();
        inputs.forEach((input) => range.appendInput(input));
        expect([range.size, range.root()]).toEqual([size, referenceRoot(inputs)]);
      }),
      { numRuns: 50 },
    );
  });

  it('reports every complete node once, each equal to the stored tree at its level and index', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), (size) => {
        const inputs = Array.from({ length: size }, (_, i) => createHash('sha256').update(`n${i}`).digest());
        const stored = treeOf(inputs);
        const seen: string[] = [];
        const range = new CompactRange((level, index, hash) => {
          seen.push(`${level}/${index}`);
          expect(hash).toEqual(stored.node(level, index));
        });
        inputs.forEach((input) => range.appendInput(input));
        // Level L has floor(n / 2^L) complete nodes.
        let expected = 0;
        for (let level = 0; 2 ** level <= size; level++) expected += Math.floor(size / 2 ** level);
        expect(new Set(seen).size).toBe(seen.length);
        expect(seen.length).toBe(expected);
      }),
      { numRuns: 30 },
    );
  });
});
