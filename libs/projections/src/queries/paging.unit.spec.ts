import { ReadModelError } from '../errors';
import { decodeCursor, encodeCursor, toPage } from './paging';

describe('cursors', () => {
  it('round-trip the sort, key and id, and stay opaque (url-safe base64)', () => {
    const text = encodeCursor({ sort: '-ects', key: 3.5, id: 'spec-9' });
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(text, '-ects')).toEqual({ sort: '-ects', key: 3.5, id: 'spec-9' });
  });

  it.each([
    ['garbage', 'not-a-cursor!'],
    ['another sort order', encodeCursor({ sort: 'title', key: 'A', id: 'x' })],
    ['a key of the wrong type', Buffer.from(JSON.stringify(['ects', { a: 1 }, 'x'])).toString('base64url')],
  ])('refuses %s with cursor.invalid', (_, cursor) => {
    expect(() => decodeCursor(cursor, 'ects')).toThrow(ReadModelError);
    expect(() => decodeCursor(cursor, 'ects')).toThrow(
      expect.objectContaining({ code: 'cursor.invalid', kind: 'invalid' }),
    );
  });
});

describe('pages', () => {
  const rows = [1, 2, 3].map((n) => ({ id: `r${n}`, sort_key: n }));

  it('point to the last row shown when one more row was fetched', () => {
    const page = toPage(rows, { limit: 2 }, 'n', (row) => row.id);
    expect(page.items).toEqual(['r1', 'r2']);
    expect(decodeCursor(page.next!, 'n')).toEqual({ sort: 'n', key: 2, id: 'r2' });
  });

  it('have no next cursor at the end', () => {
    expect(toPage(rows, { limit: 3 }, 'n', (row) => row.id).next).toBeNull();
  });
});
