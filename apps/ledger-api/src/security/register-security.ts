import { STATUS_CODES } from 'node:http';
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import helmet from 'helmet';
import type { FastifyInstance, FastifyReply, FastifyServerOptions } from 'fastify';
import { parseJsonBody } from '../http/json-body';
import { PROBLEM_CONTENT_TYPE, problem } from '../http/problem';
import type { SecuritySettings } from './security-settings';

/**
 * Fits the console SPA served by this API at /console: its scripts, styles, fonts and API calls all
 * come from this origin. Nothing inline, no frames, no plugins.
 */
export const CONSOLE_CSP = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/** Swagger UI at /docs ships inline styles; only those pages get them. */
/** 10,000 rows of a wide cohort export fit well within this; the JSON limit stays for every other body. */
const BATCH_BODY_LIMIT = 32 * 1024 * 1024;
const BATCH_ROUTE = '/v1/credential-batches';

const DOCS_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'";

declare module 'fastify' {
  interface FastifyInstance {
    /** Counts one failed authentication of the request's client address; see AuthGuard. */
    credenceAuthFailures: ReturnType<FastifyInstance['createRateLimit']>;
  }
}

/**
 * Fastify's own options: the body limit, and problem+json for what its router and Node's parser
 * refuse before any Nest code runs (a malformed percent-encoding 400, a path parameter over its
 * length 414, headers over 16 KB 431).
 */
export const fastifyOptions = (settings: SecuritySettings): FastifyServerOptions => ({
  bodyLimit: settings.bodyLimit,
  clientErrorHandler,
  frameworkErrors: (error, request, reply: FastifyReply) => {
    const status = (error as { statusCode?: number }).statusCode ?? 400;
    void reply
      .code(status)
      .type(PROBLEM_CONTENT_TYPE)
      .send({
        ...problem(status, status === 414 ? 'url.too-long' : 'url.invalid', error.message),
        instance: request.url,
      });
  },
});

/**
 * What Node's HTTP parser refuses before Fastify routes anything (headers over 16 KB: 431; a
 * malformed request line: 400), written as problem+json on the raw socket, as Fastify would.
 */
const clientErrorHandler = (error: Error & { code?: string }, socket: import('node:net').Socket) => {
  if (error.code === 'ECONNRESET' || !socket.writable) return;
  const status =
    error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const body = JSON.stringify(
    problem(
      status,
      status === 431 ? 'headers.too-large' : 'request.malformed',
      STATUS_CODES[status] ?? 'Bad request',
    ),
  );
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
};

/**
 * Everything the HTTP edge does before a controller runs: body parsing and its limits, security
 * headers, CORS, preflights and rate limits. One function, called once from bootstrap.
 */
export const registerSecurity = async (
  app: NestFastifyApplication,
  settings: SecuritySettings,
): Promise<void> => {
  const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;

  // JSON only: text/plain and other types get 415, so a controller never sees a string as its body.
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser(
    'application/json',
    { parseAs: 'string', bodyLimit: settings.bodyLimit },
    (_request, text, done) => {
      try {
        done(null, parseJsonBody(text as string));
      } catch (error) {
        done(error as Error, undefined);
      }
    },
  );

  // Batch uploads (POST /v1/credential-batches) stay text for the batch parser; 10,000 rows need more than the JSON limit.
  fastify.addContentTypeParser(
    ['text/csv', 'application/x-ndjson'],
    { parseAs: 'string', bodyLimit: BATCH_BODY_LIMIT },
    (request, text, done) => {
      if (request.routeOptions.url === BATCH_ROUTE) done(null, text);
      else
        done(
          Object.assign(new Error(`Unsupported Media Type: ${String(request.headers['content-type'])}`), {
            statusCode: 415,
          }),
          undefined,
        );
    },
  );

  // helmet's middleware, built once: @fastify/helmet built it again for every request (its options
  // parsed, the CSP string joined), a twentieth of a cached GET's CPU (issue 20). Same headers, set
  // on the raw response in the same order; no per-route helmet options or CSP nonces are used here.
  const securityHeaders = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: CONSOLE_CSP },
    // The API is fetched cross-origin by nothing unless CORS says so; these defaults would break the console's own fonts.
    crossOriginEmbedderPolicy: false,
  });
  fastify.addHook('onRequest', (request, reply, done) =>
    securityHeaders(request.raw, reply.raw, () => done()),
  );
  // Callback hooks, not async ones: a promise per hook per request, for work that never waits.
  fastify.addHook('onSend', (request, reply, _payload, done) => {
    if (request.url === '/docs' || request.url.startsWith('/docs/'))
      void reply.header('content-security-policy', DOCS_CSP);
    reply.removeHeader('x-powered-by');
    done();
  });

  if (settings.corsOrigins.length > 0) {
    await app.register(cors, {
      origin: [...settings.corsOrigins],
      methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: ['authorization', 'content-type', 'idempotency-key', 'if-match', 'x-correlation-id'],
      exposedHeaders: [
        'etag',
        'location',
        'credence-position',
        'credence-projection-position',
        'link',
        'retry-after',
      ],
      maxAge: 600,
    });
  } else {
    // CORS off: a preflight is answered (no 404), but grants no origin, so the browser refuses the call.
    fastify.options('*', (_request, reply) => reply.code(204).header('allow', 'GET, POST, OPTIONS').send());
  }

  // Not global: public routes opt in with @PublicRoute(); authenticated routes limit failed logins.
  await app.register(rateLimit, {
    global: false,
    max: settings.publicRateLimit,
    timeWindow: settings.rateWindowMs,
  });
  fastify.decorate(
    'credenceAuthFailures',
    fastify.createRateLimit({ max: settings.authFailureLimit, timeWindow: settings.rateWindowMs }),
  );
};
