import { Get, NotFoundException, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { instantMs, type Principal } from '@credence/domain';
import { queryStackStatusAt } from '@credence/projections';
import { CurrentPrincipal } from '../auth/roles';
import { IdParam } from '../http/id.pipe';
import { assertMayRead } from '../http/read-access';
import { StatusAtQueryDto } from './read-models.dto';
import { ReadModelController, ReadModelRoute } from './decorators';
import { ReadModels } from './read-models.service';

@ReadModelController('stacked-credentials')
export class StackStatusController {
  constructor(private readonly readModels: ReadModels) {}

  @Get(':id/status')
  @ReadModelRoute(
    'The status at `at` (default now) of a stacked credential, judged like a credential: active, suspended, ' +
      'invalidated, expired or not-yet-valid, with the components that caused it (`causedBy`) and since when. It is ' +
      "valid from its award until its components' earliest `validUntil`; suspended while a component it needs is " +
      'suspended; invalidated when a revoked component leaves the pathway incomplete. Also the components it rests ' +
      'on now, those it lost or followed to a re-issue (`formerComponents`), and those counted as 0 ECTS ' +
      '(`zeroEctsComponentIds`: their specification states hours only).',
    { csv: false },
  )
  async status(
    @IdParam() id: string,
    @Query() query: StatusAtQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const atMs = query.at ? instantMs(query.at, 'at') : Date.now();
    await this.readModels.fresh(['stacks'], query, reply);
    const status = await queryStackStatusAt(this.readModels.db, id, atMs);
    if (!status) throw new NotFoundException(`Stacked credential ${id} does not exist`);
    assertMayRead(principal, status.issuerId, 'Stacked credential', id);
    return status;
  }
}
