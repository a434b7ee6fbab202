import { createHash } from 'node:crypto';
import fc from 'fast-check';
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
});
