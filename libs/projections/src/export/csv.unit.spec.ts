import { toCsv, toCsvTransposed } from './csv';

describe('CSV export', () => {
  it('writes a header and RFC 4180 rows, quoting commas, quotes and line breaks', () => {
    const csv = toCsv(
      ['id', 'title', 'ects'],
      [
        { id: 's1', title: 'Data, "visual"', ects: 3 },
        { id: 's2', title: 'Two\nlines', ects: null },
      ],
    );
    expect(csv).toBe('id,title,ects\r\ns1,"Data, ""visual""",3\r\ns2,"Two\nlines",\r\n');
  });

  it('joins lists of plain values, writes structures as JSON', () => {
    expect(toCsv(['countries', 'bodies'], [{ countries: ['NL', 'BE'], bodies: [{ legalName: 'HU' }] }])).toBe(
      'countries,bodies\r\nNL; BE,"[{""legalName"":""HU""}]"\r\n',
    );
  });

  it('defuses text a spreadsheet would run as a formula', () => {
    expect(
      toCsv(['title'], [{ title: '=HYPERLINK("http://x")' }, { title: '@SUM(A1)' }, { title: '-2+3' }]),
    ).toBe('title\r\n"\'=HYPERLINK(""http://x"")"\r\n\'@SUM(A1)\r\n\'-2+3\r\n');
  });

  it('puts records side by side for a comparison', () => {
    expect(
      toCsvTransposed(
        ['id', 'ects'],
        [
          { id: 'a', ects: 3 },
          { id: 'b', ects: 5 },
        ],
        (r) => r.id,
      ),
    ).toBe('attribute,a,b\r\nid,a,b\r\nects,3,5\r\n');
  });
});
