import { definedOnly, sameValue } from './equality';

describe('sameValue', () => {
  it('treats a key set to undefined as absent, so an omitted optional field repeats a command', () => {
    expect(sameValue({ title: 'A', note: undefined }, { title: 'A' })).toBe(true);
  });
  it('compares nested objects and arrays structurally', () => {
    expect(sameValue({ scope: { eqfLevels: [5, 6] } }, { scope: { eqfLevels: [5, 6] } })).toBe(true);
  });
  it.each([
    [{ a: 1 }, { a: 2 }],
    [{ a: 1 }, { a: 1, b: 2 }],
    [
      [1, 2],
      [2, 1],
    ],
    [[1], { 0: 1 }],
    [null, {}],
    ['5', 5],
  ])('tells %j from %j', (a, b) => {
    expect(sameValue(a, b)).toBe(false);
  });
});

describe('definedOnly', () => {
  it('drops undefined keys and keeps falsy values', () => {
    expect(Object.keys(definedOnly({ a: undefined, b: 0, c: '', d: null }))).toEqual(['b', 'c', 'd']);
  });
});
