import { Body, Controller, Get, HttpCode, NotFoundException, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  credentialDecider,
  type CredentialState,
  credentialStatusAt,
  type Principal,
  streamId,
} from '@credence/domain';
import { type CommandRequest, Ledger } from '@credence/ledger';
import { CurrentPrincipal, Roles } from '../../auth/roles';
import { type CommandContext, Context, etagOf } from '../../http/command-context';
import { IdParam } from '../../http/id.pipe';
import { assertMayRead } from '../../http/read-access';
import { created, decorate, existing } from '../../http/responses';
import { EffectiveChangeDto } from '../common.dto';
import {
  IssueCredentialDto,
  issueCredential,
  ReissueCredentialDto,
  reissueCredential,
  reinstateCredential,
  RevokeCredentialDto,
  revokeCredential,
  SuspendCredentialDto,
  suspendCredential,
} from './credentials.dto';

type CredentialChange = CommandRequest<'SuspendCredential' | 'ReinstateCredential' | 'RevokeCredential'>;

/** The stored state plus its status judged now: expiry follows from validUntil, never from an event. */
export const credentialView = (id: string, state: CredentialState, now: string) => {
  if (state.status === 'absent') return { id, status: 'absent' as const };
  const { status: stored, ...rest } = state;
  return { id, ...rest, storedStatus: stored, ...credentialStatusAt(state, now) };
};

@ApiTags('credentials')
@ApiBearerAuth()
@Controller('credentials')
export class CredentialsController {
  constructor(private readonly ledger: Ledger) {}

  @Post()
  @Roles('issuer')
  async issue(
    @Body() body: IssueCredentialDto,
    @Context() ctx: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const result = await this.ledger.handle(issueCredential(body, ctx, {}), ctx);
    return created(reply, { id: ctx.newId, result }, `/v1/credentials/${ctx.newId}`);
  }

  @Post(':id/suspension')
  @HttpCode(200)
  @Roles('issuer', 'qa-body')
  suspend(
    @IdParam() id: string,
    @Body() body: SuspendCredentialDto,
    @Context() ctx: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.change(id, suspendCredential(body, ctx, { id }), ctx, reply);
  }

  @Post(':id/reinstatement')
  @HttpCode(200)
  @Roles('issuer', 'qa-body')
  reinstate(
    @IdParam() id: string,
    @Body() body: EffectiveChangeDto,
    @Context() ctx: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.change(id, reinstateCredential(body, ctx, { id }), ctx, reply);
  }

  /** Revocation is the awarding issuer's act: a QA body suspends instead (403 here). */
  @Post(':id/revocation')
  @HttpCode(200)
  @Roles('issuer')
  revoke(
    @IdParam() id: string,
    @Body() body: RevokeCredentialDto,
    @Context() ctx: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.change(id, revokeCredential(body, ctx, { id }), ctx, reply);
  }

  /**
   * A correction: a new credential (201, its id) with the same learner, specification, assessments
   * and awardedDate; the corrected one is revoked `superseded`. Repeats and concurrent requests meet
   * on one derived id, so they yield one credential.
   */
  @Post(':id/reissue')
  @Roles('issuer')
  async reissue(
    @IdParam() id: string,
    @Body() body: ReissueCredentialDto,
    @Context() ctx: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { state } = await this.ledger.load(credentialDecider, streamId('credential', id));
    if (state.status === 'absent') throw new NotFoundException(`Credential ${id} does not exist`);
    assertMayRead(ctx.metadata.principal, state.issuerId, 'Credential', id);
    const request = reissueCredential(body, ctx, state);
    const result = await this.ledger.handle(request, ctx);
    const newId = request.data.credentialId;
    return created(reply, { id: newId, result }, `/v1/credentials/${newId}`);
  }

  @Get(':id')
  @Roles('admin', 'qa-body', 'issuer', 'auditor', 'regulator')
  async get(
    @IdParam() id: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { state, version } = await this.ledger.load(credentialDecider, streamId('credential', id));
    return existing(version, 'Credential', id, () => {
      assertMayRead(principal, 'issuerId' in state ? state.issuerId : undefined, 'Credential', id);
      void reply.header('etag', etagOf(version));
      return credentialView(id, state, new Date().toISOString());
    });
  }

  private async change(id: string, request: CredentialChange, ctx: CommandContext, reply: FastifyReply) {
    const result = await this.ledger.handle(request, ctx);
    decorate(reply, { id, result });
    return credentialView(id, result.state, ctx.metadata.now);
  }
}
