import type { FastifyInstance } from 'fastify';
/**
 * Response fields shown once and never again: not stored for idempotent replay, not replayed, and
 * marked `Cache-Control: no-store` so no cache between client and API keeps them either.
 */
export const SECRET_FIELDS = ['token'] as const;

const isRecord = (body: unknown): body is Record<string, unknown> =>
  typeof body === 'object' && body !== null && !Array.isArray(body);

export const carriesSecret = (body: unknown): boolean =>
  isRecord(body) && SECRET_FIELDS.some((field) => field in body);

export const withoutSecrets = (body: unknown): unknown => {
  if (!isRecord(body)) return body;
  const copy = { ...body };
  for (const field of SECRET_FIELDS) delete copy[field];
  return copy;
};

/**
 * Every answer carrying a secret gets `Cache-Control: no-store`, whatever its route: one hook on the
 * answer as the handler returned it, before it is serialised (and before an idempotency record of it).
 */
export const markSecretsUncacheable = (fastify: FastifyInstance): void => {
  fastify.addHook('preSerialization', (_request, reply, payload, done) => {
    if (carriesSecret(payload)) void reply.header('cache-control', 'no-store');
    done(null, payload);
  });
};
