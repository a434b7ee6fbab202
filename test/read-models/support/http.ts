import type { Reply, TestLedger } from '../../support/ledger-app';

export const CSV = { accept: 'text/csv' };

/** Follows `Link: <…>; rel="next"` from the first page to the last. */
export const allPages = async (
  ledger: TestLedger,
  path: string,
  token: string,
  headers: Record<string, string> = {},
): Promise<Reply[]> => {
  const pages: Reply[] = [];
  for (let next: string | null = path; next !== null;) {
    const reply = await ledger.request('GET', next, { token, headers });
    if (reply.status !== 200) throw new Error(`GET ${next}: ${reply.status} ${JSON.stringify(reply.body)}`);
    pages.push(reply);
    next = /<([^>]+)>;\s*rel="next"/.exec(reply.headers.get('link') ?? '')?.[1] ?? null;
    if (pages.length > 100) throw new Error('paging does not end');
  }
  return pages;
};

/** CSV pages as one table: the first page's header, then every page's rows. */
export const csvRows = (pages: readonly Reply[]): string[] => {
  const lines = pages.flatMap((page, i) =>
    String(page.body)
      .split('\r\n')
      .filter(Boolean)
      .slice(i === 0 ? 0 : 1),
  );
  return lines;
};

export const withQuery = (path: string, params: Record<string, string | number>): string =>
  `${path}${path.includes('?') ? '&' : '?'}${new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, String(v)]))}`;
