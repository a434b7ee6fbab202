import { gunzipSync, gzipSync } from 'node:zlib';

/** The spec's minimum list length (16 KiB of bits), which gives each credential herd privacy. */
export const MIN_STATUS_LIST_LENGTH = 131_072;
/** 16 MiB of bits: over 134 million entries, far beyond any issuer's list. */
const MAX_DECODED_BYTES = 16 * 1024 * 1024;

/**
 * A status bitstring. Bit 0 is the left-most (most significant) bit of the first byte, as
 * W3C Bitstring Status List orders them. Immutable: `with` returns a changed copy.
 */
export class Bitstring {
  private constructor(
    private readonly bytes: Uint8Array,
    readonly length: number,
  ) {}

  static empty(length = MIN_STATUS_LIST_LENGTH): Bitstring {
    if (!Number.isInteger(length) || length < MIN_STATUS_LIST_LENGTH || length % 8 !== 0)
      throw new RangeError(
        `A status list has a multiple of 8 and at least ${MIN_STATUS_LIST_LENGTH} entries, not ${length}`,
      );
    return new Bitstring(new Uint8Array(length / 8), length);
  }

  /** Decodes an `encodedList`: multibase base64url (`u`, no padding) of the GZIP-compressed bits. */
  static decode(encodedList: string): Bitstring {
    if (!encodedList.startsWith('u')) throw new Error('encodedList must be multibase base64url (prefix "u")');
    // A list comes from outside when verifying: cap the inflated size so a GZIP bomb cannot exhaust memory.
    const bytes = new Uint8Array(
      gunzipSync(Buffer.from(encodedList.slice(1), 'base64url'), { maxOutputLength: MAX_DECODED_BYTES }),
    );
    return new Bitstring(bytes, bytes.length * 8);
  }

  get(index: number): boolean {
    this.check(index);
    return ((this.bytes[index >> 3]! >> (7 - (index & 7))) & 1) === 1;
  }

  with(index: number, value: boolean): Bitstring {
    this.check(index);
    const bytes = this.bytes.slice();
    const mask = 1 << (7 - (index & 7));
    bytes[index >> 3] = value ? bytes[index >> 3]! | mask : bytes[index >> 3]! & ~mask;
    return new Bitstring(bytes, this.length);
  }

  /** Indexes of the set bits, ascending. */
  setIndexes(): number[] {
    const set: number[] = [];
    this.bytes.forEach((byte, at) => {
      for (let bit = 0; byte !== 0 && bit < 8; bit += 1) if ((byte >> (7 - bit)) & 1) set.push(at * 8 + bit);
    });
    return set;
  }

  encode(): string {
    return `u${gzipSync(this.bytes).toString('base64url')}`;
  }

  private check(index: number): void {
    if (!Number.isInteger(index) || index < 0 || index >= this.length)
      throw new RangeError(`Status index ${index} outside 0..${this.length - 1}`);
  }
}

/** A list with exactly these bits set: how a projection turns recorded statuses into a list. */
export const bitstringOf = (setIndexes: Iterable<number>, length = MIN_STATUS_LIST_LENGTH): Bitstring => {
  let list = Bitstring.empty(length);
  for (const index of setIndexes) list = list.with(index, true);
  return list;
};
