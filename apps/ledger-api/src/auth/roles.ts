import { applyDecorators, createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import type { Principal, Role } from '@credence/domain';

export const ROLES_KEY = 'credence:roles';
export const PUBLIC_KEY = 'credence:public';

/** Every route names its roles; the guard refuses a route that names none and is not @Public. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** Overrides of CREDENCE_PUBLIC_RATE_LIMIT / CREDENCE_RATE_LIMIT_WINDOW_SECONDS for one public route. */
export type PublicRateLimit = Readonly<{ max?: number; timeWindow?: number }>;

/**
 * A route anyone may call, without a token (verification, status lists, log proofs, health). Every
 * such route is rate-limited per client address by @fastify/rate-limit (registered in
 * security/register-security.ts); the route config opts it in, with the configured limits unless
 * overridden here. Over the limit: 429 problem+json with Retry-After.
 */
export const Public = (rateLimit: PublicRateLimit = {}) =>
  applyDecorators(SetMetadata(PUBLIC_KEY, true), RouteConfig({ rateLimit: { ...rateLimit } }));

export type AuthenticatedRequest = { principal?: Principal };

export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new Error('CurrentPrincipal used on a route without authentication');
  return principal;
});
