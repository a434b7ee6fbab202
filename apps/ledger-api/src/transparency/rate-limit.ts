import rateLimit from '@fastify/rate-limit';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/** Per client address; generous for a witness or auditor, a brake on scraping the tree. */
export const PUBLIC_LOG_RATE_LIMIT = { rateLimit: { max: 600, timeWindow: '1 minute' } } as const;

/**
 * Registers @fastify/rate-limit with global: false, so only routes that carry a `rateLimit` route
 * config are limited. When the app already registered the plugin (a global limit for every
 * route), that registration is kept and the per-route configs above override it for these routes.
 */
export const ensureRateLimit = async (app: NestFastifyApplication): Promise<void> => {
  if (app.getHttpAdapter().getInstance().hasDecorator('rateLimit')) return;
  await app.register(rateLimit, { global: false });
};
