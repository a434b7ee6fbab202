import { Get, NotFoundException, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Principal } from '@credence/domain';
import { queryStackStatusAt } from '@credence/projections';
import { CurrentPrincipal } from '../auth/roles';
import { IdParam } from '../http/id.pipe';
import { assertMayRead } from '../http/read-access';
import { StatusAtQueryDto } from './read-models.dto';
import { ReadModelController, ReadModelRoute } from './decorators';
import { ReadModels } from './read-models.service';
import { statusQuestion } from './status-question';

@ReadModelController('stacked-credentials')
export class StackStatusController {
  constructor(private readonly readModels: ReadModels) {}

  @Get(':id/status')
  @ReadModelRoute(
    'The status at `at` (default now) of a stacked credential as the ledger knew it at `asOf` (default now; in ' +
      'the future 400 `status.as-of-in-future`), judged like a credential: active, suspended, invalidated, expired, ' +
      'not-yet-valid, or absent (as known before the award was recorded). With the components that caused it ' +
      '(`causedBy`), since when (`since`) and when the ledger recorded it (`recordedAt`); each of its changes takes ' +
      "effect when recorded. It is valid from its award until its components' earliest `validUntil` (as known at " +
      '`asOf`: a lost or replaced component moves it); suspended while a component it needs is suspended; ' +
      'invalidated when a revoked component leaves the pathway incomplete. Also the components it rests on now, ' +
      'those it lost or followed to a re-issue (`formerComponents`), and those counted as 0 ECTS ' +
      '(`zeroEctsComponentIds`: their specification states hours only).',
    { csv: false },
  )
  async status(
    @IdParam() id: string,
    @Query() query: StatusAtQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const question = statusQuestion(query);
    await this.readModels.fresh(['stacks'], query, reply);
    const status = await queryStackStatusAt(this.readModels.db, id, question);
    if (!status) throw new NotFoundException(`Stacked credential ${id} does not exist`);
    assertMayRead(principal, status.issuerId, 'Stacked credential', id);
    return status;
  }
}
