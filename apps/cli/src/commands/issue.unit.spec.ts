import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BatchApiError } from '../batch/batch-client';
import { mediaTypeFor, resultsPathFor, summaryTable } from '../batch/batch-summary';
import { issueBatch } from './issue';

type Seen = { method: string; url: string; headers: IncomingMessage['headers']; body: string };
type Handler = (
  seen: Seen,
  nth: number,
  reply: (status: number, body: unknown, type?: string) => void,
  drop: () => void,
) => void;

/** A real HTTP server speaking the batch routes' contract, so the client's sockets, retries and headers are real. */
const serve = async (handler: Handler) => {
  const seen: Seen[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      const entry = {
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString(),
      };
      seen.push(entry);
      const nth = seen.filter(
        (s) => s.method === entry.method && s.url === entry.url && s.headers.accept === entry.headers.accept,
      ).length;
      handler(
        entry,
        nth,
        (status, body, type = 'application/json') =>
          response
            .writeHead(status, { 'content-type': type })
            .end(typeof body === 'string' ? body : JSON.stringify(body)),
        () => request.socket.destroy(),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    seen,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
};

const RESULTS = [
  { row: 1, rowKey: 'k1', status: 'issued', credentialId: 'c-1', assessmentId: 'a-1' },
  {
    row: 2,
    rowKey: 'k2',
    status: 'failed',
    problem: {
      code: 'request.invalid',
      title: 'The request is not valid',
      detail: 'learner.id must be a pseudonymous id',
      column: 'learnerId',
    },
  },
  { row: 3, rowKey: 'k3', status: 'issued', credentialId: 'c-3', assessmentId: 'a-3' },
];
const DONE = {
  id: 'b-1',
  status: 'done' as const,
  rows: 3,
  issued: 2,
  failed: 1,
  'skipped-as-duplicate': 0,
  results: RESULTS,
};
const CSV = 'row,rowKey,status,credentialId,code,message\r\n1,k1,issued,c-1,,\r\n';

const io = () => {
  const lines = { out: [] as string[], err: [] as string[] };
  return {
    lines,
    io: {
      out: (l: string) => lines.out.push(l),
      err: (l: string) => lines.err.push(l),
      progress: process.stderr,
    },
  };
};

describe('credence issue --batch', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'credence-cli-issue-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('given the connection drops on the first upload, when issuing, then it resends with the same key, follows the batch, writes the results CSV and exits 2 for a failed row', async () => {
    const api = await serve((seen, nth, reply, drop) => {
      if (seen.method === 'POST') return nth === 1 ? drop() : reply(202, { id: 'b-1', rows: 3 });
      if (seen.headers.accept === 'text/csv') return reply(200, CSV, 'text/csv');
      const { results, ...progress } = DONE;
      if (!seen.url.endsWith('?results=false')) return reply(200, { ...progress, results });
      return reply(200, nth === 1 ? { ...progress, status: 'processing', issued: 1, failed: 0 } : progress);
    });
    const input = join(dir, 'cohort.csv');
    writeFileSync(input, 'rowKey,specificationId\nk1,spec-1\n');
    const { lines, io: streams } = io();

    const exitCode = await issueBatch({ batch: input, api: api.url, token: 'tok' }, streams);
    await api.close();

    const posts = api.seen.filter((s) => s.method === 'POST');
    expect(posts).toHaveLength(2);
    expect(posts[1].headers['idempotency-key']).toBe(posts[0].headers['idempotency-key']);
    expect(posts[1].headers).toMatchObject({ 'content-type': 'text/csv', authorization: 'Bearer tok' });
    expect(posts[1].body).toBe('rowKey,specificationId\nk1,spec-1\n');
    expect(lines.err[0]).toContain(String(posts[0].headers['idempotency-key']));
    expect(
      api.seen.filter((s) => s.method === 'GET' && s.headers.accept === 'application/json').map((s) => s.url),
    ).toEqual([
      '/v1/credential-batches/b-1?results=false',
      '/v1/credential-batches/b-1?results=false',
      '/v1/credential-batches/b-1',
    ]);
    expect(readFileSync(join(dir, 'cohort.results.csv'), 'utf8')).toBe(CSV);
    expect(lines.out).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^issued\s+2$/),
        expect.stringMatching(/^failed\s+1$/),
        `results: ${join(dir, 'cohort.results.csv')}`,
      ]),
    );
    expect(exitCode).toBe(2);
  });

  it('given every row issued, when issuing with --atomic and --delimiter, then they are sent as query parameters and it exits 0', async () => {
    const api = await serve((seen, _nth, reply) => {
      if (seen.method === 'POST') return reply(202, { id: 'b-2', rows: 1 });
      if (seen.headers.accept === 'text/csv') return reply(200, CSV, 'text/csv');
      return reply(200, { ...DONE, id: 'b-2', rows: 1, issued: 1, failed: 0, results: [RESULTS[0]] });
    });
    const input = join(dir, 'eu.csv');
    writeFileSync(input, 'rowKey;specificationId\nk1;spec-1\n');
    const exitCode = await issueBatch(
      { batch: input, api: api.url, token: 'tok', atomic: true, delimiter: ';' },
      io().io,
    );
    await api.close();
    expect(api.seen[0].url).toBe('/v1/credential-batches?atomic=true&delimiter=%3B');
    expect(exitCode).toBe(0);
  });

  it('given the API refuses the upload (413), when issuing, then it stops with the problem and does not resend', async () => {
    const api = await serve((_seen, _nth, reply) =>
      reply(413, { code: 'batch.too-large', title: 'A batch holds at most 10,000 rows' }),
    );
    const input = join(dir, 'huge.ndjson');
    writeFileSync(input, '{}\n');
    const failure = issueBatch({ batch: input, api: api.url, token: 'tok' }, io().io);
    await expect(failure).rejects.toBeInstanceOf(BatchApiError);
    await expect(failure).rejects.toThrow('413 batch.too-large: A batch holds at most 10,000 rows');
    await api.close();
    expect(api.seen).toHaveLength(1);
    expect(api.seen[0].headers['content-type']).toBe('application/x-ndjson');
  });

  it('given no token, when issuing, then it refuses before uploading', async () => {
    await expect(issueBatch({ batch: 'x.csv', api: 'http://127.0.0.1:9' }, io().io, {})).rejects.toThrow(
      '--token',
    );
  });
});

describe('batch summary', () => {
  it('puts the results next to the input and picks the media type from the extension', () => {
    expect(resultsPathFor('/data/cohort.csv')).toBe('/data/cohort.results.csv');
    expect(resultsPathFor('cohort')).toBe('cohort.results.csv');
    expect([
      mediaTypeFor('a.csv'),
      mediaTypeFor('a.NDJSON'),
      mediaTypeFor('a.jsonl'),
      mediaTypeFor('a.txt'),
    ]).toEqual(['text/csv', 'application/x-ndjson', 'application/x-ndjson', 'text/csv']);
  });

  it('lists the counts aligned, then the failing rows with column and code, capped', () => {
    const failed = Array.from({ length: 12 }, (_, i) => ({ ...RESULTS[1], row: i + 1 }));
    const lines = summaryTable({ ...DONE, rows: 1200, issued: 1188, failed: 12, results: failed });
    expect(lines.slice(0, 4)).toEqual([
      'rows                  1,200',
      'issued                1,188',
      'skipped-as-duplicate      0',
      'failed                   12',
    ]);
    expect(lines[4]).toBe('  row 1 (k2) learnerId: request.invalid: learner.id must be a pseudonymous id');
    expect(lines.at(-1)).toBe('  … and 2 more failed rows');
  });
});
