import type { FastifyReply, FastifyRequest } from 'fastify';

/** Content negotiation for exports: `Accept: text/csv` gets CSV, anything else JSON. */
export const wantsCsv = (accept: string | undefined): boolean => /\btext\/csv\b/i.test(accept ?? '');

export const sendCsv = (reply: FastifyReply, csv: string, name: string): string => {
  void reply.header('content-type', 'text/csv; charset=utf-8');
  void reply.header('content-disposition', `attachment; filename="${name.replace(/[^\w.-]/g, '_')}.csv"`);
  return csv;
};

/** RFC 8288 `Link: <…>; rel="next"`: the same request with the next cursor, for CSV and JSON alike. */
export const linkNext = (reply: FastifyReply, request: FastifyRequest, next: string | null): void => {
  if (!next) return;
  const url = new URL(request.url, 'http://local');
  url.searchParams.set('cursor', next);
  void reply.header('link', `<${url.pathname}${url.search}>; rel="next"`);
};
