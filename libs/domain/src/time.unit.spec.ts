import { DomainError } from './core';
import { addDuration, instantMs, isDuration, parseDuration, READ_INSTANTS_CAPACITY } from './time';

describe('parseDuration', () => {
  it('reads every component', () => {
    expect(parseDuration('P1Y2M3W4DT5H6M7.5S')).toEqual({
      years: 1,
      months: 2,
      weeks: 3,
      days: 4,
      hours: 5,
      minutes: 6,
      seconds: 7.5,
    });
  });
  it.each(['', 'P', 'PT', '5Y', 'P1.5Y', 'P-1D', 'P1DT', 'p1y', 'P1H'])('refuses %j', (text) => {
    expect(() => parseDuration(text)).toThrow(expect.objectContaining({ code: 'time.invalid-duration' }));
    expect(isDuration(text)).toBe(false);
  });
});

describe('addDuration', () => {
  it.each([
    ['2025-01-01T00:00:00Z', 'P5Y', '2030-01-01T00:00:00.000Z'],
    ['2025-01-15T08:30:00Z', 'P6M', '2025-07-15T08:30:00.000Z'],
    ['2025-10-15T00:00:00Z', 'P6M', '2026-04-15T00:00:00.000Z'],
    ['2025-01-01T00:00:00Z', 'P90D', '2025-04-01T00:00:00.000Z'],
    ['2024-01-31T00:00:00Z', 'P1M', '2024-02-29T00:00:00.000Z'],
    ['2024-02-29T00:00:00Z', 'P1Y', '2025-02-28T00:00:00.000Z'],
    ['2025-01-01T00:00:00Z', 'P2W', '2025-01-15T00:00:00.000Z'],
    ['2025-01-01T23:00:00Z', 'PT1H30M', '2025-01-02T00:30:00.000Z'],
    ['2025-01-01T00:00:00+02:00', 'P1D', '2025-01-01T22:00:00.000Z'],
    ['2025-03-01', 'P1M', '2025-04-01T00:00:00.000Z'],
  ])('%s + %s = %s', (from, duration, expected) => {
    expect(addDuration(from, duration)).toBe(expected);
  });
  it('refuses a malformed instant', () => {
    expect(() => addDuration('next week', 'P1D')).toThrow(DomainError);
  });
});

describe('instantMs', () => {
  it('reads RFC 3339 instants with offsets', () => {
    expect(instantMs('2025-01-01T02:00:00+02:00')).toBe(Date.UTC(2025, 0, 1));
  });
  it.each([
    '2025',
    '01/02/2025',
    '2025-13-01T00:00:00Z',
    '2025-02-30T00:00:00Z',
    '2025-01-01T24:00:00Z',
    '2025-01-01T00:00:00',
  ])('refuses %j', (text) => {
    expect(() => instantMs(text, 'validFrom')).toThrow(
      expect.objectContaining({ code: 'time.invalid-instant', details: { field: 'validFrom', value: text } }),
    );
  });
  it('given an instant read before, when it is read again, then it gives the same milliseconds', () => {
    const text = '2026-03-04T05:06:07.890+01:00';

    const [first, again] = [instantMs(text), instantMs(text)];

    expect([first, again]).toEqual([Date.UTC(2026, 2, 4, 4, 6, 7, 890), Date.UTC(2026, 2, 4, 4, 6, 7, 890)]);
  });
  it('given a refused text, when it is asked again for another field, then that refusal names the other field', () => {
    expect(() => instantMs('2025-02-30T00:00:00Z', 'at')).toThrow(
      expect.objectContaining({ details: { field: 'at', value: '2025-02-30T00:00:00Z' } }),
    );

    expect(() => instantMs('2025-02-30T00:00:00Z', 'asOf')).toThrow(
      expect.objectContaining({ details: { field: 'asOf', value: '2025-02-30T00:00:00Z' } }),
    );
  });
  it('given more distinct instants than are remembered, when each is read twice, then every reading is right', () => {
    const texts = Array.from({ length: READ_INSTANTS_CAPACITY * 2 + 7 }, (_, i) =>
      new Date(Date.UTC(2020, 0, 1) + i * 61_001).toISOString(),
    );

    const readings = [...texts, ...texts.reverse()].map((text) => instantMs(text) === Date.parse(text));

    expect(readings.every(Boolean)).toBe(true);
  });
});
