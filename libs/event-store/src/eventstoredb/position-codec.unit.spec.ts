import { InvalidPositionError } from '../errors';
import { comparePositions } from '../position';
import { decodePosition, encodePosition } from './position-codec';

describe('EventStoreDB position encoding', () => {
  const MAX_U64 = 18446744073709551615n;

  it.each([
    { commit: 0n, prepare: 0n },
    { commit: 1234n, prepare: 1200n },
    { commit: MAX_U64, prepare: MAX_U64 },
  ])('round-trips %o through text', (position) => {
    const encoded = encodePosition(position);
    expect(encoded).toBe(`${position.commit}:${position.prepare}`);
    expect(decodePosition(encoded)).toEqual(position);
  });

  it('orders encoded positions as EventStoreDB orders the log: commit first, then prepare', () => {
    const positions = [
      { commit: 900n, prepare: 850n },
      { commit: 100n, prepare: 90n },
      { commit: 100n, prepare: 95n },
      { commit: 99n, prepare: 99n },
      { commit: 10_000_000_000n, prepare: 1n },
    ];
    const byText = positions.map(encodePosition).sort(comparePositions);
    expect(byText).toEqual(['99:99', '100:90', '100:95', '900:850', '10000000000:1']);
  });

  it('sorts the start of the log (null) before every position', () => {
    expect(comparePositions(null, encodePosition({ commit: 0n, prepare: 0n }))).toBe(-1);
  });

  it.each(['42', '', '1:', ':1', '1:2:3', '-1:0', 'abc', ' 1:2'])('refuses %j', (text) => {
    expect(() => decodePosition(text)).toThrow(InvalidPositionError);
  });
});
