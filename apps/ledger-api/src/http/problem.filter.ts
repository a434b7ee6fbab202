import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, type Principal } from '@credence/domain';
import {
  ConcurrencyError,
  DuplicateEventError,
  EventStoreError,
  InvalidPositionError,
  StoreUnavailableError,
} from '@credence/event-store';
import {
  IdempotencyKeyReusedError,
  LedgerError,
  RefusalsRateLimitedError,
  RuleViolationError,
  UnknownRulesetError,
} from '@credence/ledger';
import { ReadModelError } from '@credence/projections';
import { TransparencyLogError } from '@credence/transparency';
import { TokenRefusedError } from '../auth/token-refused';
import {
  BatchRejectedError,
  PROBLEM_CONTENT_TYPE,
  type Problem,
  problem,
  RequestValidationError,
} from './problem';

const DOMAIN_STATUS: Record<DomainError['kind'], number> = {
  invalid: 400,
  'not-found': 404,
  conflict: 409,
  forbidden: 403,
};

const fromDomain = (error: DomainError): Problem =>
  problem(
    DOMAIN_STATUS[error.kind],
    error.code,
    error.message,
    error.details ? { details: error.details } : {},
  );

/**
 * To an issuer, another issuer's resource and an unknown id are the same thing: one 404 that names
 * neither, so the answer cannot tell which ids exist. Other roles see every resource anyway.
 */
const hidesExistence = (error: DomainError, request: FastifyRequest & { principal?: Principal }): boolean =>
  request.principal?.role === 'issuer' && (error.kind === 'not-found' || error.code === 'issuer.not-owner');

const UNKNOWN_TO_ISSUER = problem(404, 'not-found', 'Not found', {
  detail: "No such resource among this issuer's",
});

const fromLedger = (error: LedgerError): Problem => {
  if (error instanceof RuleViolationError) {
    return problem(422, error.code, 'The command breaks the active quality-benchmark ruleset', {
      detail: error.message,
      ruleset: error.ruleset,
      violations: error.findings.map(({ ruleId, message, reference }) => ({ ruleId, message, reference })),
    });
  }
  if (error instanceof UnknownRulesetError) return problem(404, error.code, error.message);
  if (error instanceof RefusalsRateLimitedError)
    return problem(429, error.code, EDGE_TITLES[429], {
      detail: error.message,
      retryAfter: error.retryAfterSeconds,
    });
  if (error instanceof IdempotencyKeyReusedError) return problem(422, error.code, error.message);
  return problem(400, error.code, error.message);
};

const fromStore = (error: EventStoreError, request?: FastifyRequest): Problem => {
  if (error instanceof ConcurrencyError) {
    return request?.headers['if-match']
      ? problem(412, 'precondition-failed', 'The resource changed since the given ETag', {
          detail: error.message,
        })
      : problem(409, 'concurrent-modification', 'Another request changed the resource; retry', {
          detail: error.message,
        });
  }
  if (error instanceof DuplicateEventError) return problem(409, 'duplicate-event', error.message);
  if (error instanceof InvalidPositionError) return problem(400, 'position.invalid', error.message);
  if (error instanceof StoreUnavailableError)
    return problem(503, 'store-unavailable', 'The event store is unavailable');
  return problem(500, 'store-error', 'The event store failed');
};

const READ_MODEL_STATUS: Record<ReadModelError['kind'], number> = {
  invalid: 400,
  'not-found': 404,
  conflict: 409,
  behind: 503,
  unavailable: 503,
};

const fromReadModel = (error: ReadModelError): Problem =>
  problem(
    READ_MODEL_STATUS[error.kind],
    error.code,
    error.message,
    error.details ? { details: error.details } : {},
  );

const EDGE_CODES: Record<number, string> = {
  413: 'body.too-large',
  415: 'body.unsupported-type',
  429: 'rate-limited',
};
const EDGE_TITLES: Record<number, string> = { 429: 'Too many requests; retry after the time in Retry-After' };

const fromHttp = (error: HttpException): Problem => {
  const status = error.getStatus();
  const response = error.getResponse();
  const detail = typeof response === 'string' ? response : (response as { message?: unknown }).message;
  const code =
    status === 401
      ? 'unauthenticated'
      : status === 403
        ? 'forbidden'
        : status === 404
          ? 'not-found'
          : (EDGE_CODES[status] ?? `http-${status}`);
  return problem(status, code, error.message, typeof detail === 'string' ? { detail } : {});
};

/**
 * Every layer's typed error as the problem the API answers with. Exported so a batch reports each
 * row's refusal exactly as the single-request route would. Without a request, a conflict reads as
 * having no If-Match.
 */
export const problemOf = (error: unknown, request?: FastifyRequest): Problem => {
  if (error instanceof RequestValidationError) {
    return problem(400, 'request.invalid', 'The request is not valid', { errors: error.fields });
  }
  if (error instanceof BatchRejectedError)
    return problem(error.status, error.code, error.message, error.extra);
  if (error instanceof DomainError)
    return request && hidesExistence(error, request) ? UNKNOWN_TO_ISSUER : fromDomain(error);
  if (error instanceof LedgerError) return fromLedger(error);
  if (error instanceof EventStoreError) return fromStore(error, request);
  if (error instanceof ReadModelError) return fromReadModel(error);
  if (error instanceof TransparencyLogError)
    return problem(error.kind === 'invalid' ? 400 : 404, error.code, error.message);
  if (error instanceof TokenRefusedError) return problem(401, error.code, error.message);
  if (error instanceof HttpException) return fromHttp(error);
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    // Fastify's and its plugins' refusals: body too large, wrong content type, rate limited.
    return problem(
      status,
      EDGE_CODES[status] ?? `http-${status}`,
      (error as Error).message ?? EDGE_TITLES[status] ?? 'Refused',
    );
  }
  return problem(500, 'internal', 'Internal error');
};

/** The one place where errors become HTTP: every layer's typed family maps to RFC 9457 problem+json. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const body = problemOf(error, request);
    if (body.status >= 500)
      this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    if (body.status === 503) void reply.header('retry-after', '1');
    if (error instanceof RefusalsRateLimitedError)
      void reply.header('retry-after', String(error.retryAfterSeconds));
    void reply
      .status(body.status)
      .header('content-type', PROBLEM_CONTENT_TYPE)
      .send({ ...body, instance: request.url });
  }
}
