import { createHash } from 'node:crypto';
import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { from, mergeMap, type Observable, of, tap } from 'rxjs';
import canonicalize from 'canonicalize';
import type { Principal } from '@credence/domain';
import { IdempotencyKeyReusedError } from '@credence/ledger';
import { IdempotencyStore } from './idempotency-store';
import { carriesSecret, withoutSecrets } from './secrets';

const REPLAYED_HEADERS = ['location', 'etag', 'credence-position'];

const noStoreIfSecret = (reply: FastifyReply, body: unknown) => {
  if (carriesSecret(body)) void reply.header('cache-control', 'no-store');
};

/**
 * A repeat of a POST with the same Idempotency-Key returns the first answer, without its secrets
 * (a token is shown once), and runs nothing. Answers carrying a secret are marked no-store.
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
    if (request.method !== 'POST' || typeof key !== 'string' || !request.principal)
      return next.handle().pipe(tap((body) => noStoreIfSecret(reply, body)));

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
            noStoreIfSecret(reply, body);
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
