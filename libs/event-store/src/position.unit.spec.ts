import { InvalidPositionError } from './errors';
import { comparePositions, isPosition, sequenceDistance, sequencePosition } from './position';

describe('positions', () => {
  it('orders sequence numbers numerically, not as text', () => {
    expect(comparePositions('9', '10')).toBe(-1);
    expect(comparePositions('10', '9')).toBe(1);
    expect(comparePositions('10', '10')).toBe(0);
  });

  it('orders beyond the safe integer range exactly', () => {
    expect(comparePositions('9007199254740993', '9007199254740992')).toBe(1);
  });

  it('sorts null, the start of the log, first', () => {
    expect(comparePositions(null, '0')).toBe(-1);
    expect(comparePositions('0', null)).toBe(1);
    expect(comparePositions(null, null)).toBe(0);
  });

  it('orders commit:prepare pairs by commit, then prepare', () => {
    expect(comparePositions('100:90', '200:10')).toBe(-1);
    expect(comparePositions('100:95', '100:90')).toBe(1);
    expect(comparePositions('100:90', '100:90')).toBe(0);
  });

  it.each(['', 'abc', '-1', '1.5', '1:', ':1', '1:2:3'])('rejects %j', (value) => {
    expect(isPosition(value)).toBe(false);
    expect(() => comparePositions(value, '1')).toThrow(InvalidPositionError);
  });

  it('writes sequence positions as decimal strings', () => {
    expect(sequencePosition(42)).toBe('42');
    expect(sequencePosition(2n ** 60n)).toBe('1152921504606846976');
    expect(isPosition(sequencePosition(7))).toBe(true);
  });

  it('measures distance between sequence positions only', () => {
    expect(sequenceDistance('10', '25')).toBe(15);
    expect(sequenceDistance(null, '25')).toBe(25);
    expect(sequenceDistance('10', null)).toBe(0);
    expect(sequenceDistance('10:5', '25:3')).toBeNull();
  });
});
