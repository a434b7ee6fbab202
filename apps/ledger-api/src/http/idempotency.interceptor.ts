import { createHash } from 'node:crypto';
import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type INestApplication,
  type NestInterceptor,
  RequestMethod,
} from '@nestjs/common';
import { INTERCEPTORS_METADATA, METHOD_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { from, mergeMap, type Observable, of } from 'rxjs';
import canonicalize from 'canonicalize';
import type { Principal } from '@credence/domain';
import { IdempotencyKeyReusedError } from '@credence/ledger';
import { PUBLIC_KEY } from '../auth/roles';
import { IdempotencyStore } from './idempotency-store';
import { withoutSecrets } from './secrets';

const REPLAYED_HEADERS = ['location', 'etag', 'credence-position'];

/**
 * A repeat of a POST with the same Idempotency-Key returns the first answer, without its secrets
 * (a token is shown once), and runs nothing. Answers carrying a secret are marked no-store (by
 * markSecretsUncacheable, on every route, before this records them).
 * Commands are also deduplicated by their key-derived commandId in the stream, so two concurrent
 * twins that both miss this cache still append once. The answer waits for its record's commit,
 * which it shares with the other answers of its turn of the event loop (see SqliteIdempotencyStore).
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(private readonly store: IdempotencyStore) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest & { principal?: Principal }>();
    const reply = http.getResponse<FastifyReply>();
    const key = request.headers['idempotency-key'];
    if (request.method !== 'POST' || typeof key !== 'string' || !request.principal) return next.handle();

    const principalId = request.principal.id;
    const fingerprint = createHash('sha256')
      .update(`${request.method} ${request.url}\n${canonicalize(request.body ?? null) ?? ''}`)
      .digest('hex');
    return from(this.store.find(principalId, key, new Date())).pipe(
      mergeMap((stored) => {
        if (stored) {
          if (stored.fingerprint !== fingerprint) throw new IdempotencyKeyReusedError(key);
          for (const [name, value] of Object.entries(stored.headers)) void reply.header(name, value);
          void reply.header('idempotent-replayed', 'true');
          return of(stored.body);
        }
        return next.handle().pipe(
          mergeMap(async (body) => {
            const headers: Record<string, string> = {};
            for (const name of REPLAYED_HEADERS) {
              const value = reply.getHeader(name);
              if (typeof value === 'string') headers[name] = value;
            }
            await this.store.save(
              principalId,
              key,
              { fingerprint, headers, body: withoutSecrets(body) },
              new Date(),
            );
            return body;
          }),
        );
      }),
    );
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** This app's IdempotencyInterceptor, for the routes' shared POST_ROUTES_INTERCEPTOR. */
    credenceIdempotency: IdempotencyInterceptor;
  }
}

/**
 * What every POST route's metadata holds: it hands the request to its own app's interceptor. Route
 * metadata belongs to the controller classes, which several apps share in one test process.
 */
const POST_ROUTES_INTERCEPTOR: NestInterceptor = {
  intercept: (context, next) =>
    context.switchToHttp().getRequest<FastifyRequest>().server.credenceIdempotency.intercept(context, next),
};

/**
 * The interceptor on every POST route of the app that takes a token (not @Public), and on no other: it was global, and a global
 * interceptor makes Nest run every route's answer through an rxjs pipeline, a fifth of a cheap GET's
 * CPU (issue 20), on routes where it can only pass the answer through. Read from the routes'
 * metadata at start-up, before Nest builds its router, so a new POST route gets it without being
 * listed anywhere.
 */
export const interceptPostRoutes = (app: INestApplication): void => {
  const fastify = app.getHttpAdapter().getInstance() as FastifyInstance;
  const interceptor: IdempotencyInterceptor = app.get(IdempotencyInterceptor);
  fastify.decorate('credenceIdempotency', interceptor);
  const scanner = new MetadataScanner();
  for (const module of app.get(ModulesContainer).values())
    for (const { metatype } of module.controllers.values()) {
      const prototype = (metatype as { prototype: Record<string, object> }).prototype;
      for (const name of scanner.getAllMethodNames(prototype)) {
        const handler = prototype[name];
        if (Reflect.getMetadata(METHOD_METADATA, handler) !== RequestMethod.POST) continue;
        // A public route never has a principal, so the interceptor could only pass its answer on.
        if (
          [handler, prototype.constructor].some((target) => Reflect.getMetadata(PUBLIC_KEY, target) === true)
        )
          continue;
        const current: unknown[] = Reflect.getMetadata(INTERCEPTORS_METADATA, handler) ?? [];
        if (!current.includes(POST_ROUTES_INTERCEPTOR))
          Reflect.defineMetadata(INTERCEPTORS_METADATA, [POST_ROUTES_INTERCEPTOR, ...current], handler);
      }
    }
};
