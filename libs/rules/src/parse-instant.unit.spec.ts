import { parseInstant } from './parse-instant';

/** What facts conversion did before the fast path: the RFC 3339 pattern, then Date.parse. */
const reference = (text: string): number =>
  /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2}))?$/i.test(text)
    ? Date.parse(text)
    : Number.NaN;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

const dates = ['0000', '0099', '0999', '1000', '1969', '1970', '2024', '2026', '2100', '9999'].flatMap(
  (year) =>
    Array.from({ length: 14 }, (_, month) =>
      Array.from({ length: 33 }, (__, day) => `${year}-${pad(month)}-${pad(day)}`),
    ).flat(),
);

const times = [
  '',
  'T00:00:00Z',
  'T23:59:59Z',
  'T24:00:00Z',
  'T23:60:00Z',
  'T23:59:60Z',
  'T12:30:45.123Z',
  'T12:30:45.999Z',
  'T12:30:45.1Z',
  'T12:30:45.12345Z',
  'T12:30:45+02:00',
  'T12:30:45.123-05:30',
  't12:30:45z',
  'T12:30:45.123z',
  'T12:30:45',
  'T12:30Z',
  'T1a:30:45Z',
  'T12:30:45.12aZ',
  ' T12:30:45Z',
];

const odd = [
  '',
  '2026',
  '2026-3-1',
  '2026-03-01 ',
  ' 2026-03-01',
  '2026/03/01',
  '2026-03-01T',
  '20260301',
  'yesterday',
  '2026-03-01T12:00:00.000Z\n',
];

describe('parseInstant', () => {
  it('reads every date and time exactly as the RFC 3339 pattern and Date.parse do', () => {
    const texts = [...dates.flatMap((date) => times.map((time) => date + time)), ...odd];
    const differing = texts.filter((text) => !Object.is(parseInstant(text), reference(text)));
    expect(differing).toEqual([]);
    // The sample covers both paths and refusals, not only one of them.
    expect(texts.filter((text) => Number.isNaN(parseInstant(text))).length).toBeGreaterThan(1000);
    expect(texts.filter((text) => !Number.isNaN(parseInstant(text))).length).toBeGreaterThan(1000);
  });

  it('reads the shapes toISOString and the contract use', () => {
    expect(parseInstant('2026-03-01')).toBe(Date.UTC(2026, 2, 1));
    expect(parseInstant('2026-03-01T12:00:00Z')).toBe(Date.UTC(2026, 2, 1, 12));
    expect(parseInstant('2026-03-01T12:00:00.250Z')).toBe(Date.UTC(2026, 2, 1, 12, 0, 0, 250));
    expect(parseInstant('2024-02-29')).toBe(Date.UTC(2024, 1, 29));
  });
});
