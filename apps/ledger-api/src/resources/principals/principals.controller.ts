import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { invalid, notFound, type Principal, streamId } from '@credence/domain';
import { EventStore } from '@credence/event-store';
import { PrincipalAccess } from '../../auth/principal-access';
import { PrincipalStore, type StoredPrincipal } from '../../auth/principal-store';
import { CurrentPrincipal, Roles } from '../../auth/roles';
import { type CommandContext, Context } from '../../http/command-context';
import { IdParam } from '../../http/id.pipe';
import { CreatePrincipalDto } from './principals.dto';

/** What an admin may see of a principal: never the token nor its hash (the store keeps only the hash). */
const withoutSecrets = ({
  id,
  role,
  issuerId,
  qaBodyId,
  name,
  createdAt,
  expiresAt,
  disabledAt,
}: StoredPrincipal) => ({
  id,
  role,
  issuerId,
  qaBodyId,
  name,
  createdAt,
  ...(expiresAt ? { expiresAt } : {}),
  ...(disabledAt ? { disabledAt } : {}),
});

@ApiTags('principals')
@ApiBearerAuth()
@Controller('principals')
export class PrincipalsController {
  constructor(
    private readonly principals: PrincipalStore,
    private readonly access: PrincipalAccess,
    private readonly store: EventStore,
  ) {}

  /** Who the bearer token belongs to: the console shows only what this role may see. */
  @Get('me')
  @Roles('admin', 'qa-body', 'issuer', 'auditor', 'regulator')
  me(@CurrentPrincipal() principal: Principal) {
    return {
      id: principal.id,
      role: principal.role,
      ...(principal.issuerId ? { issuerId: principal.issuerId } : {}),
    };
  }

  /** Returns the bearer token once; only its hash is kept. Recorded as PrincipalCreated on `principals`. */
  @Post()
  @HttpCode(201)
  @Roles('admin')
  async create(@Body() body: CreatePrincipalDto, @Context() ctx: CommandContext) {
    if (body.issuerId !== undefined) {
      const registered = await this.store.readStream(streamId('issuer', body.issuerId), { maxCount: 1 });
      if (registered.length === 0)
        throw notFound('issuer.not-found', `Issuer ${body.issuerId} is not registered`);
    }
    const qaBodyId = body.role === 'qa-body' ? body.qaBodyId : undefined;
    if (qaBodyId !== undefined) {
      const registered = await this.store.readStream(streamId('qa-body', qaBodyId), { maxCount: 1 });
      if (registered.length === 0)
        throw invalid('principal.qa-body-unknown', `QA body ${qaBodyId} is not registered`, { qaBodyId });
    }
    const issuerId = body.role === 'issuer' ? body.issuerId : undefined;
    const { principal, token } = await this.access.create(
      {
        id: ctx.newId,
        role: body.role,
        ...(issuerId ? { issuerId } : {}),
        ...(qaBodyId ? { qaBodyId } : {}),
        name: body.name,
        ...(body.expiresAt ? { expiresAt: body.expiresAt } : {}),
      },
      ctx.metadata,
    );
    return { ...withoutSecrets(principal), token };
  }

  @Get()
  @Roles('admin')
  list() {
    return { principals: this.principals.list().map(withoutSecrets) };
  }

  /** A new token, shown once (`Cache-Control: no-store`, never kept for replay); the old one stops working. */
  @Post(':id/token')
  @HttpCode(201)
  @Roles('admin')
  async rotate(@IdParam() id: string, @Context() ctx: CommandContext) {
    const { principal, token } = await this.access.rotate(id, ctx.metadata);
    return { ...withoutSecrets(principal), token };
  }

  /** Withdraws the access: the token is refused (401 token.disabled) from the next request on, in every process. */
  @Post(':id/disable')
  @HttpCode(200)
  @Roles('admin')
  async disable(@IdParam() id: string, @Context() ctx: CommandContext) {
    return withoutSecrets(await this.access.disable(id, ctx.metadata));
  }
}
