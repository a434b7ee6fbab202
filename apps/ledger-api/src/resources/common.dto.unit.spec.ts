import { ACCEPTED_INSTANTS_CAPACITY, isInstant } from './common.dto';

describe('isInstant', () => {
  it('given an instant it accepted, when asked again, then it is accepted again', () => {
    expect(isInstant('2027-03-01T12:00:00Z')).toBe(true);
    expect(isInstant('2027-03-01T12:00:00Z')).toBe(true);
  });

  it('given a value it refused, when asked again, then it is refused again (refusals are not remembered)', () => {
    for (const value of ['2026-02-30T00:00:00Z', '2026-01-01T00:00:00', '2026-W47', '', 5, null]) {
      expect(isInstant(value)).toBe(false);
      expect(isInstant(value)).toBe(false);
    }
  });

  it('given more accepted instants than it remembers, when each is asked again, then each is still accepted', () => {
    const instants = Array.from({ length: ACCEPTED_INSTANTS_CAPACITY + 10 }, (_, i) =>
      new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
    );
    for (const instant of instants) expect(isInstant(instant)).toBe(true);
    for (const instant of instants) expect(isInstant(instant)).toBe(true);
    expect(isInstant('2026-02-30T00:00:00Z')).toBe(false);
  });
});
