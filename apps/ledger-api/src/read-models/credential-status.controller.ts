import { Get, NotFoundException, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { instantMs, type Principal } from '@credence/domain';
import { queryCredentialStatusAt } from '@credence/projections';
import { CurrentPrincipal } from '../auth/roles';
import { IdParam } from '../http/id.pipe';
import { assertMayRead } from '../http/read-access';
import { StatusAtQueryDto } from './read-models.dto';
import { ReadModelController, ReadModelRoute } from './decorators';
import { ReadModels } from './read-models.service';

@ReadModelController('credentials')
export class CredentialStatusController {
  constructor(private readonly readModels: ReadModels) {}

  @Get(':id/status')
  @ReadModelRoute(
    'The status at `at` (default now): active, suspended, revoked, expired or not-yet-valid, with the reason and since when. ' +
      'Each suspension, reinstatement and revocation takes effect at the time its command was accepted; before its ' +
      'issuance a credential is not yet valid. Also the accreditation the issuer held, and the ruleset, at issuance.',
    { csv: false },
  )
  async status(
    @IdParam() id: string,
    @Query() query: StatusAtQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const atMs = query.at ? instantMs(query.at, 'at') : Date.now();
    await this.readModels.fresh(['credentials'], query, reply);
    const status = await queryCredentialStatusAt(this.readModels.db, id, atMs);
    if (!status) throw new NotFoundException(`Credential ${id} does not exist`);
    assertMayRead(principal, status.issuerId, 'Credential', id);
    return status;
  }
}
