import { plainToInstance } from 'class-transformer';
import { PageQueryDto, StatusAtQueryDto } from '../read-models/read-models.dto';
import { plainQueryInstance } from './query-instance';

const parsedQuery = (query: Record<string, unknown>) =>
  Object.assign(Object.create(null) as Record<string, unknown>, query);

describe('a query built without class-transformer', () => {
  it('given a status query of text keys without @Type, when it is built, then it is what plainToInstance makes', () => {
    const query = parsedQuery({ at: '2027-03-01T12:00:00Z', waitFor: '42', asOf: 'not an instant' });

    const instance = plainQueryInstance(StatusAtQueryDto, query);

    expect(instance).toBeInstanceOf(StatusAtQueryDto);
    expect(instance).toStrictEqual(plainToInstance(StatusAtQueryDto, query));
    expect(Object.keys(instance!)).toEqual(Object.keys(plainToInstance(StatusAtQueryDto, query)));
  });

  it('given a key with @Type (a number from text), when it is built, then class-transformer is left to do it', () => {
    expect(
      plainQueryInstance(StatusAtQueryDto, parsedQuery({ at: '2027-03-01T12:00:00Z', waitMs: '5' })),
    ).toBe(undefined);
    expect(plainQueryInstance(PageQueryDto, parsedQuery({ limit: '5' }))).toBe(undefined);
  });

  it('given a repeated key, an unknown key or a prototype key, when it is built, then class-transformer is left to do it', () => {
    expect(plainQueryInstance(StatusAtQueryDto, parsedQuery({ at: ['a', 'b'] }))).toBe(undefined);
    expect(plainQueryInstance(StatusAtQueryDto, parsedQuery({ at: 'a', extra: 'b' }))).toBe(undefined);
    expect(plainQueryInstance(StatusAtQueryDto, parsedQuery({ constructor: 'x' }))).toBe(undefined);
    expect(plainQueryInstance(StatusAtQueryDto, JSON.parse('{"__proto__": "x"}'))).toBe(undefined);
  });

  it('given no query keys, when it is built, then it is a bare instance, as plainToInstance makes it', () => {
    expect(plainQueryInstance(StatusAtQueryDto, parsedQuery({}))).toStrictEqual(
      plainToInstance(StatusAtQueryDto, {}),
    );
  });
});
