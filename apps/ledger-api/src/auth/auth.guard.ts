import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Role } from '@credence/domain';
import { countAuthFailure } from './auth-throttle';
import { TokenRefusedError } from './token-refused';
import { hashToken, PrincipalStore } from './principal-store';
import { type AuthenticatedRequest, PUBLIC_KEY, ROLES_KEY } from './roles';

/** What a route declares: public, or the roles that may call it. */
type RouteAccess = Readonly<{ isPublic: boolean; roles: Role[] | undefined }>;

@Injectable()
export class AuthGuard implements CanActivate {
  /**
   * Per handler: decorators are read once. Their metadata never changes after start-up, and two
   * reflect-metadata lookups per request showed in a cached GET's profile (issue 20).
   */
  private readonly access = new WeakMap<object, WeakMap<object, RouteAccess>>();

  constructor(
    private readonly reflector: Reflector,
    private readonly principals: PrincipalStore,
  ) {}

  private routeAccess(context: ExecutionContext): RouteAccess {
    // By class, then handler: an inherited handler may sit under classes with other metadata.
    const [handler, controller] = [context.getHandler(), context.getClass()];
    let byHandler = this.access.get(controller);
    if (!byHandler) this.access.set(controller, (byHandler = new WeakMap()));
    let access = byHandler.get(handler);
    if (!access) {
      const targets = [handler, controller];
      access = {
        isPublic: this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets) === true,
        roles: this.reflector.getAllAndOverride<Role[]>(ROLES_KEY, targets),
      };
      byHandler.set(handler, access);
    }
    return access;
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const { isPublic, roles } = this.routeAccess(context);
    if (isPublic) return true;
    // Fail closed: a route someone forgot to annotate is reachable by nobody.
    if (!roles || roles.length === 0) throw new ForbiddenException('This route has no role assigned');

    const request = context.switchToHttp().getRequest<AuthenticatedRequest & FastifyRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
    const principal = match ? this.principals.findByTokenHash(hashToken(match[1])) : undefined;
    if (!principal) {
      await countAuthFailure(request, reply);
      throw new UnauthorizedException(match ? 'Unknown or revoked token' : 'A bearer token is required');
    }
    // Asked of the store on every request, which answers from memory only while its file is unchanged:
    // a disabling is seen by every process at once.
    if (principal.disabledAt) throw new TokenRefusedError('token.disabled', 'This token was disabled');
    if (principal.expiresAt && Date.parse(principal.expiresAt) <= Date.now())
      throw new TokenRefusedError('token.expired', 'This token has expired');
    if (!roles.includes(principal.role)) {
      throw new ForbiddenException(`Role ${principal.role} may not do this; allowed: ${roles.join(', ')}`);
    }
    const { id, role, issuerId, qaBodyId } = principal;
    request.principal = { id, role, ...(issuerId ? { issuerId } : {}), ...(qaBodyId ? { qaBodyId } : {}) };
    return true;
  }
}
