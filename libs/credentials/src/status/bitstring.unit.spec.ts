import { gunzipSync, gzipSync } from 'node:zlib';
import { decodeList } from '@digitalbazaar/vc-bitstring-status-list';
import fc from 'fast-check';
import { Bitstring, bitstringOf, MIN_STATUS_LIST_LENGTH } from './bitstring';

/** Reads a bit with nothing but gunzip and the spec's rule (bit 0 = most significant bit of byte 0). */
const plainBit = (encodedList: string, index: number) => {
  const bytes = gunzipSync(Buffer.from(encodedList.slice(1), 'base64url'));
  return ((bytes[index >> 3]! >> (7 - (index % 8))) & 1) === 1;
};

const indexes = fc.uniqueArray(fc.integer({ min: 0, max: MIN_STATUS_LIST_LENGTH - 1 }), { maxLength: 40 });

describe('Bitstring status lists', () => {
  it('an empty list has 131,072 entries, none set, and encodes as multibase base64url of GZIP', async () => {
    const encoded = Bitstring.empty().encode();

    expect(encoded).toMatch(/^u[A-Za-z0-9_-]+$/);
    expect(gunzipSync(Buffer.from(encoded.slice(1), 'base64url'))).toHaveLength(MIN_STATUS_LIST_LENGTH / 8);
    const decoded = await decodeList({ encodedList: encoded });
    expect(decoded.length).toBe(MIN_STATUS_LIST_LENGTH);
    expect(decoded.getStatus(0)).toBe(false);
  });

  it('the bits we set are exactly the bits Digital Bazaar and a plain gunzip read back', async () => {
    await fc.assert(
      fc.asyncProperty(
        indexes,
        fc.integer({ min: 0, max: MIN_STATUS_LIST_LENGTH - 1 }),
        async (set, probe) => {
          const encoded = bitstringOf(set).encode();
          const independent = await decodeList({ encodedList: encoded });

          for (const index of [...set, probe]) {
            expect(independent.getStatus(index)).toBe(set.includes(index));
            expect(plainBit(encoded, index)).toBe(set.includes(index));
          }
          expect(Bitstring.decode(encoded).setIndexes()).toEqual([...set].sort((a, b) => a - b));
        },
      ),
      { numRuns: 25 },
    );
  });

  it('suspend then reinstate: the bit is set, then cleared; other bits are untouched', async () => {
    const revoked = Bitstring.empty().with(7, true);
    const suspended = revoked.with(94_567, true);
    const reinstated = suspended.with(94_567, false);

    expect((await decodeList({ encodedList: suspended.encode() })).getStatus(94_567)).toBe(true);
    expect((await decodeList({ encodedList: reinstated.encode() })).getStatus(94_567)).toBe(false);
    expect((await decodeList({ encodedList: reinstated.encode() })).getStatus(7)).toBe(true);
    expect(revoked.get(94_567)).toBe(false); // `with` returned copies
  });

  it('refuses lists shorter than the minimum, indexes outside the list, and a non-multibase encoding', () => {
    expect(() => Bitstring.empty(1024)).toThrow(/at least 131072/);
    expect(() => Bitstring.empty().with(MIN_STATUS_LIST_LENGTH, true)).toThrow(RangeError);
    expect(() => Bitstring.empty().get(-1)).toThrow(RangeError);
    expect(() => Bitstring.decode(Bitstring.empty().encode().slice(1))).toThrow(/prefix "u"/);
  });

  it('refuses a list that inflates beyond 16 MiB (a GZIP bomb from a hostile list URL)', () => {
    const bomb = `u${gzipSync(Buffer.alloc(16 * 1024 * 1024 + 1)).toString('base64url')}`;

    expect(() => Bitstring.decode(bomb)).toThrow(
      /Cannot create a Buffer larger than|maxOutputLength|buffer/i,
    );
  });
});
