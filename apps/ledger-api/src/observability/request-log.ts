import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { Principal } from '@credence/domain';
import type { Metrics } from './metrics';

/** Set by buildCommandContext, so a command's log line carries the id its events were stamped with. */
export type CorrelatedRequest = FastifyRequest & { principal?: Principal; correlationId?: string };

const VISIBLE_ASCII = /^[\x21-\x7e]{1,200}$/;

const headerValue = (request: FastifyRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/** The caller's X-Correlation-Id when well-formed (commands refuse a malformed one), else the request id. */
const correlationOf = (request: CorrelatedRequest): string => {
  if (request.correlationId) return request.correlationId;
  const given = headerValue(request, 'x-correlation-id');
  return given !== undefined && VISIBLE_ASCII.test(given) ? given : String(request.id);
};

/** The route as declared (`/v1/credentials/:id`), so ids never become label values or log keys. */
export const routePattern = (request: FastifyRequest): string => request.routeOptions.url ?? 'unmatched';

/**
 * One log line per request, built field by field from what is safe to log: method, route pattern,
 * path, status, duration, principal id and role, correlation id. Headers, bodies and query strings
 * are never copied, so tokens and identity hashes cannot reach the log. Also feeds the request
 * duration histogram, from the same numbers.
 */
export const installRequestLog = (fastify: FastifyInstance, logger: Logger, metrics: Metrics): void => {
  // Without the root logger's redaction: its paths (token, authorization, identityHash, body, at
  // any depth it names) can match none of this line's fixed keys, and looking for them in the
  // nested `principal` doubled the cost of writing the line (issue 20).
  const log = logger.child({ context: 'http' }, { redact: [] });
  // Callback hooks, not async ones: nothing here waits, and a promise per hook per request shows.
  fastify.addHook('onSend', (request: CorrelatedRequest, reply: FastifyReply, _payload, done) => {
    reply.header('x-correlation-id', correlationOf(request));
    done();
  });
  fastify.addHook('onResponse', (request: CorrelatedRequest, reply: FastifyReply, done) => {
    const route = routePattern(request);
    const status = reply.statusCode;
    const durationMs = reply.elapsedTime;
    metrics.httpRequest(request.method, route, status, durationMs / 1000);
    const principal = request.principal
      ? { id: request.principal.id, role: request.principal.role }
      : undefined;
    const line = {
      reqId: request.id,
      method: request.method,
      route,
      path: request.url.split('?')[0],
      status,
      durationMs: Math.round(durationMs * 100) / 100,
      ...(principal ? { principal } : {}),
      correlationId: correlationOf(request),
    };
    if (status >= 500) log.error(line, 'request failed');
    else log.info(line, 'request completed');
    done();
  });
};
