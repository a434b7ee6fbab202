import { Body, Controller, Get, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { qaBodyDecider, streamId } from '@credence/domain';
import { Ledger } from '@credence/ledger';
import { Roles } from '../../auth/roles';
import { type CommandContext, Context, etagOf } from '../../http/command-context';
import { IdParam } from '../../http/id.pipe';
import { created, existing } from '../../http/responses';
import { RegisterQaBodyDto, registerQaBody } from './qa-bodies.dto';

/** Quality-assurance bodies: the agencies qa-body principals are bound to and act for. */
@ApiTags('qa-bodies')
@ApiBearerAuth()
@Controller('qa-bodies')
export class QaBodiesController {
  constructor(private readonly ledger: Ledger) {}

  @Post()
  @Roles('admin')
  async register(
    @Body() body: RegisterQaBodyDto,
    @Context() ctx: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const result = await this.ledger.handle(registerQaBody(body, ctx, {}), ctx);
    return created(reply, { id: ctx.newId, result }, `/v1/qa-bodies/${ctx.newId}`);
  }

  @Get(':id')
  @Roles('admin', 'qa-body', 'issuer', 'auditor', 'regulator')
  async get(@IdParam() id: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const { state, version } = await this.ledger.load(qaBodyDecider, streamId('qa-body', id));
    return existing(version, 'QA body', id, () => {
      void reply.header('etag', etagOf(version));
      return { id, ...state };
    });
  }
}
